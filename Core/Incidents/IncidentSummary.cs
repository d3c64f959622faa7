namespace Klaxon.Incidents;

/// <summary>
/// The part of an incident the state machine decides: status, alert count and who moved it when. Kept on the dedup
/// key's state so that one conditional write covers every decision about that key.
/// </summary>
/// <param name="OpeningEventId">The create that first opened it: identifies the incident across replays of the log.</param>
/// <param name="CompactedAlerts">Alerts counted but no longer in the log (see <see cref="AlertKeyState.LogCapacity"/>).</param>
/// <param name="AcknowledgedVia">Where the acknowledge came from: <c>api</c>, <c>webhook</c>, <c>sms</c>, <c>voice</c>, <c>email</c>, <c>push</c>.</param>
/// <param name="ResolvedVia">Where the resolve came from, likewise.</param>
public sealed record IncidentSummary(
    long Number,
    string OpeningEventId,
    IncidentStatus Status,
    EventOrder OpenedAt,
    int AlertCount,
    EventOrder? AcknowledgedAt,
    string? AcknowledgedBy,
    EventOrder? ResolvedAt,
    string? ResolvedBy,
    int CompactedAlerts = 0,
    string? AcknowledgedVia = null,
    string? ResolvedVia = null)
{
    /// <summary>Same decided state (ignores identity fields).</summary>
    public bool SameStateAs(IncidentSummary other) =>
        Status == other.Status && OpenedAt == other.OpenedAt && AlertCount == other.AlertCount
        && AcknowledgedAt == other.AcknowledgedAt && AcknowledgedBy == other.AcknowledgedBy
        && ResolvedAt == other.ResolvedAt && ResolvedBy == other.ResolvedBy;
}
