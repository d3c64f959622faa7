namespace Klaxon.Escalation;

/// <summary>What a message on the escalations queue asks for.</summary>
public enum EscalationWorkKind
{
    /// <summary>From the timer's sweep: a step or layer came due.</summary>
    Due,

    /// <summary>From the management API: move to the next layer now.</summary>
    Escalate,
}

/// <summary>A message on the escalations queue: advance an incident whose escalation came due, or escalate it now.</summary>
/// <param name="RequestedBy">For <see cref="EscalationWorkKind.Escalate"/>: the user who asked.</param>
public sealed record EscalationWork(EscalationWorkKind Kind, string AccountId, long IncidentNumber, DateTimeOffset? DueAt = null, string? RequestedBy = null)
{
    public static EscalationWork Due(DueItem item) => new(EscalationWorkKind.Due, item.AccountId, item.IncidentNumber, item.DueAt);
}
