namespace Klaxon.Common;

/// <summary>How loudly an incident pages. Wire form is the lower-case name. Ordered from quietest to loudest.</summary>
public enum Urgency
{
    /// <summary>
    /// Opened and recorded like any incident, but nobody is paged: escalation starts already stopped and its timeline says
    /// why. One of PagerTree's five urgencies; users have no notification rules for it.
    /// </summary>
    Silent,

    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Urgency sets that more than one feature needs.</summary>
public static class Urgencies
{
    /// <summary>The urgencies that page someone, quietest first: every one but <see cref="Urgency.Silent"/>.</summary>
    public static readonly IReadOnlyList<Urgency> Paging = [.. Enum.GetValues<Urgency>().Where(u => u != Urgency.Silent)];
}
