using System.Collections.Immutable;

namespace Klaxon.Incidents;

/// <summary>
/// The part of an incident the state machine decides: status, counts and the receipt order of its transitions.
/// Kept on the dedup key's state so one conditional write covers every decision about that key.
/// </summary>
public sealed record IncidentSummary(
    long Number,
    IncidentStatus Status,
    EventOrder OpenedAt,
    int AlertCount,
    EventOrder? AcknowledgedAt,
    string? AcknowledgedBy,
    EventOrder? ResolvedAt,
    string? ResolvedBy,
    ImmutableList<EventOrder> RecentAlerts)
{
    /// <summary>
    /// How many recent alert (create) orders are kept. A resolve that arrives late must move alerts received after it
    /// into a new incident; queues reorder over seconds or minutes, so the last few dozen are plenty.
    /// </summary>
    public const int RecentAlertCapacity = 32;

    /// <summary>True when an event received at <paramref name="order"/> falls in this incident's life.</summary>
    public bool Covers(EventOrder order) => order >= OpenedAt && (ResolvedAt is not { } resolved || order < resolved);
}
