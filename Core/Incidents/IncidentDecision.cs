namespace Klaxon.Incidents;

/// <summary>What applying one action decided: the key's new state, each incident it touched, timeline notes and signals.</summary>
public sealed record IncidentDecision(
    AlertKeyState State,
    IReadOnlyList<IncidentChange> Changes,
    IReadOnlyList<TimelineNote> Timeline,
    IReadOnlyList<IncidentSignal> Signals)
{
    /// <summary>The event is already in the key's log: it was applied before (a redelivery) and changes nothing.</summary>
    public bool IsDuplicate { get; private init; }

    public static IncidentDecision Duplicate(AlertKeyState state) => new(state, [], [], []) { IsDuplicate = true };

    /// <summary>A decision that changes no state and only records a note (if any).</summary>
    public static IncidentDecision NoteOnly(AlertKeyState state, TimelineNote? note) => new(state, [], note is null ? [] : [note], []);
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
