using System.Collections.Immutable;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// The incident state machine for one dedup key. Pure: given the key's state and one action, it decides the new state,
/// the incidents it creates or changes, timeline notes and paging signals.
/// <para>
/// Incident state is the replay of the key's events sorted by receipt (<see cref="EventOrder"/>), never by dequeue
/// order, so the same events applied in any order end in the same incidents:
/// create opens an incident unless one is open or acknowledged (then it is one more alert); acknowledge moves open to
/// acknowledged; resolve moves open or acknowledged to resolved; anything else is a no-op recorded on the timeline.
/// An acknowledge or resolve that arrives before the create received earlier than it is kept in the log; when the
/// create arrives, the incident it opens ends acknowledged or resolved and pages nobody. A resolve that arrives after
/// alerts received later than it splits them into a new incident, which pages.
/// </para>
/// </summary>
public static class AlertKeyMachine
{
    /// <param name="state">The key's state as stored.</param>
    /// <param name="action">The action to apply.</param>
    /// <param name="allocateNumber">Hands out the next per-account incident number; called once per incident created.</param>
    public static IncidentDecision Apply(AlertKeyState state, IncidentAction action, Func<long> allocateNumber)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(action);
        if (state.Contains(action.Order.EventId))
        {
            return IncidentDecision.Duplicate(state);
        }
        var logged = new LoggedEvent(action.Kind, action.Order, action.Source, action.Actor, action.TargetNumber);
        if (state.Horizon is { } horizon && action.Order < horizon)
        {
            return Unplaceable(state, logged, "it was received before events this key has already compacted away, so it cannot be placed in order");
        }
        if (action.TargetNumber is { } target && state.Incidents.All(i => i.Number != target))
        {
            // Incidents drop out of the key's state only once resolved and superseded.
            return IncidentDecision.NoteOnly(state, new TimelineNote(target, action.Order, "noop",
                $"{Verb(action.Kind)} ignored: the incident was already resolved.", action.Source, action.Actor));
        }

        var log = state.Log.Add(logged).Sort((a, b) => a.Order.CompareTo(b.Order));
        var replay = Fold(log, state.Incidents);
        var incidents = Number(replay.Segments, state.Incidents, allocateNumber);
        var decision = Compare(state, logged, replay, incidents);
        return decision with { State = Compact(new AlertKeyState(log, [.. incidents.Select(i => i.Summary)], state.Horizon)) };
    }

    /// <summary>Folds the sorted log into incidents, recording what each event did.</summary>
    private static Replay Fold(ImmutableList<LoggedEvent> log, ImmutableList<IncidentSummary> stored)
    {
        var segments = new List<Segment>();
        var outcomes = new Dictionary<string, (Segment? Segment, string Effect)>(StringComparer.Ordinal);
        Segment? current = null;
        foreach (var e in log)
        {
            var id = e.Order.EventId;
            if (e.Kind == IncidentActionKind.Create)
            {
                if (current is null || current.Status == IncidentStatus.Resolved)
                {
                    current = new Segment();
                    segments.Add(current);
                    outcomes[id] = (current, "opened");
                }
                else
                {
                    outcomes[id] = (current, "alert");
                }
                current.Creates.Add(e);
                continue;
            }
            var targetsOther = e.TargetNumber is { } number
                && (current is null || !current.Creates.Any(c => stored.Any(s => s.Number == number && s.OpeningEventId == c.Order.EventId)));
            if (current is null || targetsOther)
            {
                outcomes[id] = (current, targetsOther ? "noop:resolved" : "noop:none");
            }
            else if (e.Kind == IncidentActionKind.Acknowledge && current.Status == IncidentStatus.Open)
            {
                current.Acknowledge = e;
                outcomes[id] = (current, "acknowledged");
            }
            else if (e.Kind == IncidentActionKind.Resolve && current.Status != IncidentStatus.Resolved)
            {
                current.Resolve = e;
                outcomes[id] = (current, "resolved");
            }
            else
            {
                outcomes[id] = (current, "noop:" + current.Status.ToWire());
            }
        }
        return new Replay(segments, outcomes);
    }

    /// <summary>Gives each segment the number of the stored incident it continues, or a new one.</summary>
    private static List<NumberedSegment> Number(List<Segment> segments, ImmutableList<IncidentSummary> stored, Func<long> allocateNumber)
    {
        var result = new List<NumberedSegment>();
        foreach (var segment in segments)
        {
            var known = stored.FirstOrDefault(s => segment.Creates.Any(c => c.Order.EventId == s.OpeningEventId));
            var number = known?.Number ?? allocateNumber();
            var opening = known?.OpeningEventId ?? segment.Creates[0].Order.EventId;
            var compacted = known?.CompactedAlerts ?? 0;
            var summary = new IncidentSummary(
                number,
                opening,
                segment.Status,
                segment.Creates[0].Order,
                segment.Creates.Count + compacted,
                segment.Acknowledge?.Order,
                segment.Acknowledge?.Actor,
                segment.Resolve?.Order,
                segment.Resolve?.Actor,
                compacted,
                segment.Acknowledge?.Source,
                segment.Resolve?.Source);
            result.Add(new NumberedSegment(segment, summary, known));
        }
        return result;
    }

    /// <summary>Turns the difference between stored and replayed incidents into changes, notes and signals.</summary>
    private static IncidentDecision Compare(AlertKeyState state, LoggedEvent current, Replay replay, List<NumberedSegment> incidents)
    {
        var changes = new List<IncidentChange>();
        var notes = new List<TimelineNote>();
        var signals = new List<IncidentSignal>();
        var (landedIn, effect) = replay.Outcomes[current.Order.EventId];

        for (var i = 0; i < incidents.Count; i++)
        {
            var (segment, summary, before) = incidents[i];
            var isNew = before is null;
            if (!isNew && summary.SameStateAs(before!))
            {
                continue;
            }
            var splitFrom = isNew && segment.Creates.All(c => c.Order.EventId != current.Order.EventId)
                ? incidents.Take(i).LastOrDefault(x => x.Before is not null)?.Summary.Number ?? incidents.Skip(i + 1).FirstOrDefault(x => x.Before is not null)?.Summary.Number
                : null;
            changes.Add(new IncidentChange(summary, isNew, splitFrom));

            if (isNew)
            {
                var opener = segment.Creates[0];
                notes.Add(new TimelineNote(summary.Number, opener.Order, "opened",
                    splitFrom is { } from ? $"Opened: the alert fired again after #{from} was resolved (events arrived out of order)." : "Opened.",
                    opener.Source, opener.Actor));
            }
            else if (summary.AlertCount < before!.AlertCount)
            {
                notes.Add(new TimelineNote(summary.Number, current.Order, "split",
                    $"Alert count corrected to {summary.AlertCount}: alerts received after its resolve belong to a new incident.", current.Source, current.Actor));
            }
            if (segment.Acknowledge is { } ack && before?.AcknowledgedAt != ack.Order)
            {
                notes.Add(Transition(summary.Number, ack, "acknowledged", $"Acknowledged by {ByWhom(ack)}.", current));
            }
            if (segment.Resolve is { } resolve && before?.ResolvedAt != resolve.Order)
            {
                notes.Add(Transition(summary.Number, resolve, "resolved", $"Resolved by {ByWhom(resolve)}.", current));
            }
            if (isNew && summary.Status != IncidentStatus.Open)
            {
                notes.Add(new TimelineNote(summary.Number, segment.Creates[0].Order, "not_paged",
                    $"Nobody paged: an event received after the alert had already {summary.Status.ToWire()} it.", "klaxon", "klaxon"));
            }
            if (Signal(summary, before?.Status) is { } signal)
            {
                signals.Add(signal);
            }
        }

        // What the applied event itself did, when the notes above do not already say it.
        var home = incidents.FirstOrDefault(x => ReferenceEquals(x.Segment, landedIn));
        if (home is not null && effect is "alert" or "opened" && !notes.Any(n => n.Kind == "opened" && n.At == current.Order))
        {
            var late = home.Summary.ResolvedAt is { } resolvedAt && current.Order < resolvedAt;
            notes.Add(new TimelineNote(home.Summary.Number, current.Order, "alert",
                late ? "Alert received late: it was sent before this incident was resolved."
                    : effect == "opened" ? "Alert received; it was sent before the alert that opened this incident (events arrived out of order)."
                    : "Alert received again; deduplicated into this incident.",
                current.Source, current.Actor));
        }
        else if (effect.StartsWith("noop:", StringComparison.Ordinal))
        {
            var target = current.TargetNumber ?? home?.Summary.Number;
            if (target is { } number)
            {
                var status = effect["noop:".Length..] is "none" or "resolved" ? "resolved" : effect["noop:".Length..];
                notes.Add(new TimelineNote(number, current.Order, "noop",
                    $"{Verb(current.Kind)} ignored: the incident was already {status}.", current.Source, current.Actor));
            }
        }
        return new IncidentDecision(state, changes, notes, signals);
    }

    /// <summary>A transition note; says so when the event was received earlier than it was applied.</summary>
    private static TimelineNote Transition(long number, LoggedEvent cause, string kind, string message, LoggedEvent applied) =>
        new(number, cause.Order, kind,
            cause.Order.EventId == applied.Order.EventId ? message : $"{message} (received earlier, applied in order of receipt)",
            cause.Source, cause.Actor);

    /// <summary>Keeps the log within <see cref="AlertKeyState.LogCapacity"/>: drops closed leading incidents, then repeat alerts.</summary>
    private static AlertKeyState Compact(AlertKeyState state)
    {
        var log = state.Log;
        var incidents = state.Incidents;
        var horizon = state.Horizon;
        while (log.Count > AlertKeyState.LogCapacity)
        {
            if (incidents.Count > 1 && incidents[0].Status == IncidentStatus.Resolved)
            {
                var nextOpened = incidents[1].OpenedAt;
                horizon = log.Where(e => e.Order < nextOpened).Max(e => e.Order);
                log = log.RemoveAll(e => e.Order < nextOpened);
                incidents = incidents.RemoveAt(0);
                continue;
            }
            var first = incidents[0];
            var keep = new HashSet<EventOrder> { first.OpenedAt };
            if (first.AcknowledgedAt is { } ackAt) { keep.Add(ackAt); }
            if (first.ResolvedAt is { } resolvedAt) { keep.Add(resolvedAt); }
            var drop = log.First(e => !keep.Contains(e.Order) && e.Order.EventId != first.OpeningEventId);
            if (drop.Kind == IncidentActionKind.Create)
            {
                incidents = incidents.SetItem(0, first with { CompactedAlerts = first.CompactedAlerts + 1 });
            }
            horizon = horizon is { } h && h > drop.Order ? h : drop.Order;
            log = log.Remove(drop);
        }
        return new AlertKeyState(log, incidents, horizon);
    }

    private static IncidentDecision Unplaceable(AlertKeyState state, LoggedEvent late, string reason)
    {
        var incident = state.Incidents.FirstOrDefault();
        return incident is null
            ? IncidentDecision.NoteOnly(state, null)
            : IncidentDecision.NoteOnly(state, new TimelineNote(incident.Number, late.Order, "noop",
                $"{Verb(late.Kind)} ignored: {reason}.", late.Source, late.Actor));
    }

    private static IncidentSignal? Signal(IncidentSummary summary, IncidentStatus? before) => (before, summary.Status) switch
    {
        (null, IncidentStatus.Open) => new IncidentSignal(summary.Number, IncidentSignalKind.Triggered, null),
        (IncidentStatus.Open, IncidentStatus.Acknowledged) => new IncidentSignal(summary.Number, IncidentSignalKind.Acknowledged, summary.AcknowledgedBy),
        (IncidentStatus.Open or IncidentStatus.Acknowledged, IncidentStatus.Resolved) => new IncidentSignal(summary.Number, IncidentSignalKind.Resolved, summary.ResolvedBy),
        _ => null,
    };

    /// <summary>"alice", or "alice via sms" when a person acted from a page rather than the API or a webhook.</summary>
    private static string ByWhom(LoggedEvent action) =>
        action.Source is "api" or "webhook" ? action.Actor : $"{action.Actor} via {action.Source}";

    private static string Verb(IncidentActionKind kind) => kind switch
    {
        IncidentActionKind.Acknowledge => "Acknowledge",
        IncidentActionKind.Resolve => "Resolve",
        _ => "Alert",
    };

    private sealed class Segment
    {
        public List<LoggedEvent> Creates { get; } = [];

        public LoggedEvent? Acknowledge { get; set; }

        public LoggedEvent? Resolve { get; set; }

        public IncidentStatus Status => Resolve is not null ? IncidentStatus.Resolved
            : Acknowledge is not null ? IncidentStatus.Acknowledged
            : IncidentStatus.Open;
    }

    private sealed record Replay(List<Segment> Segments, Dictionary<string, (Segment? Segment, string Effect)> Outcomes);

    private sealed record NumberedSegment(Segment Segment, IncidentSummary Summary, IncidentSummary? Before);
}
