using System.Collections.Immutable;

namespace Klaxon.Incidents;

/// <summary>
/// Everything decided so far for one dedup key (account, integration, sender's <c>Id</c>): the recent events in order of
/// receipt, and the incidents they formed. Incident state is always the replay of this log, so events applied in any
/// dequeue order end in the state their receipt order gives.
/// </summary>
/// <param name="Log">Recent events sorted by <see cref="EventOrder"/>.</param>
/// <param name="Incidents">The incidents formed by the events in <paramref name="Log"/>, oldest first.</param>
/// <param name="Horizon">Events received before this were compacted away; one arriving this late is recorded as a no-op.</param>
public sealed record AlertKeyState(
    ImmutableList<LoggedEvent> Log,
    ImmutableList<IncidentSummary> Incidents,
    EventOrder? Horizon)
{
    /// <summary>
    /// Events kept per key. Queues reorder within seconds or minutes; 100 events covers that for any sane alert rate
    /// while keeping the state row small. Older events are compacted (closed incidents dropped, repeat alerts counted).
    /// </summary>
    public const int LogCapacity = 100;

    public static AlertKeyState Empty { get; } = new([], [], null);

    public bool Contains(string eventId) => Log.Any(e => e.Order.EventId == eventId);
}

/// <summary>One event as kept in a key's log.</summary>
/// <param name="TargetNumber">For actions on a named incident (management API): it applies only to that incident.</param>
public sealed record LoggedEvent(IncidentActionKind Kind, EventOrder Order, string Source, string Actor, long? TargetNumber = null);
