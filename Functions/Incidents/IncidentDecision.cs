namespace Klaxon.Incidents;

/// <summary>What applying one action decided: the key's new state, each incident it touched, timeline notes and signals.</summary>
public sealed record IncidentDecision(
    AlertKeyState State,
    IReadOnlyList<IncidentChange> Changes,
    IReadOnlyList<TimelineNote> Timeline,
    IReadOnlyList<IncidentSignal> Signals)
{
    /// <summary>True when nothing but a pending action or no-op note was recorded.</summary>
    public bool ChangedIncidents => Changes.Count > 0;
}

/// <summary>An incident the decision created or changed, with its final summary.</summary>
/// <param name="IsNew">Created by this decision.</param>
/// <param name="SplitFrom">For an incident opened because alerts arrived after a late resolve: the incident whose content it copies.</param>
public sealed record IncidentChange(IncidentSummary Summary, bool IsNew, long? SplitFrom);

/// <summary>One line of an incident's history.</summary>
public sealed record TimelineNote(long Number, EventOrder At, string Kind, string Message, string Source, string Actor);

/// <summary>What the paging side must hear about: an incident to page for, or one whose paging must stop.</summary>
public sealed record IncidentSignal(long Number, IncidentSignalKind Kind, string? Actor);

public enum IncidentSignalKind
{
    Triggered,
    Acknowledged,
    Resolved,
}
