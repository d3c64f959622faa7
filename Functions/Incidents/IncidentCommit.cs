namespace Klaxon.Incidents;

/// <summary>
/// One decision about one event, to be committed atomically by <see cref="IncidentStore.CommitAsync"/>: the event's
/// applied-marker (with the jobs to publish, kept so a redelivery can publish them again), the dedup key's new state,
/// the incident rows it changes, its timeline, and the removal of its claim-checked payload.
/// </summary>
/// <param name="AppliedAt">When it was applied: the marker's time and every timeline entry's recorded time.</param>
/// <param name="Jobs">The serialized notification jobs, stored with the marker as they are.</param>
/// <param name="KeyState">Null when the event changes no key (an action on an incident that does not exist).</param>
/// <param name="PayloadRow">The claim-checked payload to delete with the commit, if the event had one.</param>
public sealed record IncidentCommit(
    string AccountId,
    string EventId,
    DateTimeOffset AppliedAt,
    string Jobs,
    KeyStateWrite? KeyState,
    IReadOnlyList<IncidentWrite> Incidents,
    IReadOnlyList<TimelineNote> Timeline,
    string? PayloadRow);

/// <summary>The dedup key's decided state.</summary>
/// <param name="Expected">The version it was read at (written only if unchanged); null to insert a key believed new.</param>
public sealed record KeyStateWrite(string KeyRow, AlertKeyState State, string IntegrationId, string AlertId, Storage.RowVersion? Expected);

/// <summary>An incident row the decision changes: its decided summary, merged into the row, or a whole new row when <paramref name="Opened"/> is set.</summary>
public sealed record IncidentWrite(IncidentSummary Summary, OpenedIncident? Opened = null);

/// <summary>What a new incident row holds besides its summary. Inserted, never upserted: a taken number fails the commit.</summary>
public sealed record OpenedIncident(IncidentContent Content, string KeyRow, string IncidentId);

/// <summary>How <see cref="IncidentStore.CommitAsync"/> ended.</summary>
public enum IncidentCommitStatus
{
    /// <summary>Everything was written.</summary>
    Committed,

    /// <summary>The event's marker exists: it was applied before (a redelivery). Nothing was written.</summary>
    AlreadyApplied,

    /// <summary>Another instance took a new incident's number. Nothing was written; allocate again and retry.</summary>
    NumberTaken,

    /// <summary>Another writer changed the key state (or created the key) first. Nothing was written; re-read and retry.</summary>
    ConcurrencyConflict,
}

/// <param name="KeyStateVersion">When committed with a key state: the version it was written at, to cache.</param>
/// <param name="AppliedJobs">When already applied: the jobs stored with the earlier commit's marker.</param>
public sealed record IncidentCommitResult(IncidentCommitStatus Status, Storage.RowVersion? KeyStateVersion = null, string? AppliedJobs = null);
