using System.Collections.Immutable;

namespace Klaxon.Incidents;

/// <summary>
/// The incident state machine for one dedup key. Pure: given the key's state and one action, it decides the new state,
/// the incidents it touches, timeline notes and paging signals. Every decision follows the order in which the endpoint
/// received events (<see cref="EventOrder"/>), so applying the same events in any dequeue order ends in the same state:
/// <list type="bullet">
/// <item>create with an open or acknowledged incident: one more alert on it; after resolve: a new incident.</item>
/// <item>acknowledge/resolve with no incident to apply to (key not seen, or received after the last resolve): kept
/// pending until a create received before it arrives; that incident then ends acknowledged/resolved and pages nobody.</item>
/// <item>a resolve that arrives after alerts received later than it: those alerts move to a new incident, which pages.</item>
/// <item>anything else is a no-op recorded on the timeline.</item>
/// </list>
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
        var run = new Run(state, allocateNumber);
        if (action.Kind == IncidentActionKind.Create)
        {
            run.Create(action);
        }
        else if (action.TargetNumber is { } number)
        {
            run.Targeted(action, number);
        }
        else
        {
            run.Transition(action);
        }
        return run.Finish();
    }

    private sealed class Run(AlertKeyState initial, Func<long> allocateNumber)
    {
        private IncidentSummary? _current = initial.Current;
        private IncidentSummary? _previous = initial.Previous;
        private readonly List<PendingAction> _pending = [.. initial.Pending];
        private readonly Dictionary<long, (IncidentStatus? Before, long? SplitFrom)> _touched = [];
        private readonly Dictionary<long, IncidentSummary> _latest = [];
        private readonly List<TimelineNote> _timeline = [];

        public void Create(IncidentAction action)
        {
            var order = action.Order;
            if (_current is null || (_current.ResolvedAt is { } resolvedAt && order >= resolvedAt))
            {
                Open(order, [order], action, splitFrom: null);
                Drain();
                return;
            }
            if (_previous is not null && _previous.Covers(order))
            {
                _previous = AddAlert(_previous, order);
                Note(_previous, order, "alert", "Alert received late: it was sent before this incident was resolved.", action);
                return;
            }
            var openedBefore = _current.OpenedAt;
            _current = AddAlert(_current, order);
            var message = _current.Status == IncidentStatus.Resolved
                ? "Alert received late: it was sent before this incident was resolved."
                : order < openedBefore
                    ? "Alert received; it was sent before the alert that opened this incident (events arrived out of order)."
                    : "Alert received again; deduplicated into this incident.";
            Note(_current, order, "alert", message, action);
            if (order < openedBefore)
            {
                Drain();
            }
        }

        public void Transition(IncidentAction action)
        {
            var order = action.Order;
            if (_current is not null && _current.Covers(order))
            {
                ApplyToCurrent(action.Kind, order, action.Source, action.Actor);
            }
            else if (_previous is not null && _previous.Covers(order))
            {
                Note(_previous, order, "noop", $"{Verb(action.Kind)} ignored: the incident was already resolved.", action);
            }
            else
            {
                // No incident this action can belong to yet: the key is new, or the action was received after the last
                // resolve. A create received earlier may still be in the queue, so keep it.
                Keep(new PendingAction(action.Kind, order, action.Source, action.Actor));
            }
        }

        public void Targeted(IncidentAction action, long number)
        {
            if (_current?.Number == number)
            {
                ApplyToCurrent(action.Kind, action.Order, action.Source, action.Actor);
                return;
            }
            // Every earlier incident of a key is resolved: only the current one can still change.
            var status = _previous?.Number == number ? _previous.Status : IncidentStatus.Resolved;
            _timeline.Add(new TimelineNote(number, action.Order, "noop",
                $"{Verb(action.Kind)} ignored: the incident was already {status.ToWire()}.", action.Source, action.Actor));
        }

        private void ApplyToCurrent(IncidentActionKind kind, EventOrder order, string source, string actor)
        {
            var incident = _current!;
            switch (kind)
            {
                case IncidentActionKind.Acknowledge when incident.Status == IncidentStatus.Open:
                    _current = Touch(incident with { Status = IncidentStatus.Acknowledged, AcknowledgedAt = order, AcknowledgedBy = actor });
                    Note(_current, order, "acknowledged", $"Acknowledged by {actor}.", source, actor);
                    break;
                case IncidentActionKind.Resolve when incident.Status != IncidentStatus.Resolved:
                    Resolve(incident, order, source, actor);
                    break;
                default:
                    Note(incident, order, "noop", $"{Verb(kind)} ignored: the incident was already {incident.Status.ToWire()}.", source, actor);
                    break;
            }
        }

        private void Resolve(IncidentSummary incident, EventOrder order, string source, string actor)
        {
            var later = incident.RecentAlerts.Where(alert => alert > order).ToImmutableList();
            var resolved = Touch(incident with
            {
                Status = IncidentStatus.Resolved,
                ResolvedAt = order,
                ResolvedBy = actor,
                AlertCount = incident.AlertCount - later.Count,
                RecentAlerts = incident.RecentAlerts.RemoveRange(later),
            });
            _current = resolved;
            Note(resolved, order, "resolved", $"Resolved by {actor}.", source, actor);
            if (later.Count == 0)
            {
                return;
            }
            // Alerts received after this resolve but applied before it: the source fired again after resolving.
            Note(resolved, order, "split", $"{later.Count} alert(s) received after this resolve opened a new incident.", source, actor);
            Open(later[0], later, new IncidentAction(IncidentActionKind.Create, later[0], source, actor), splitFrom: resolved.Number);
            Drain();
        }

        private void Open(EventOrder openedAt, ImmutableList<EventOrder> alerts, IncidentAction cause, long? splitFrom)
        {
            var number = allocateNumber();
            var incident = new IncidentSummary(number, IncidentStatus.Open, openedAt, alerts.Count, null, null, null, null, alerts);
            _touched[number] = (null, splitFrom);
            _latest[number] = incident;
            if (_current is not null)
            {
                _previous = _current;
            }
            _current = incident;
            var message = splitFrom is { } from
                ? $"Opened: the alert fired again after #{from} was resolved."
                : "Opened.";
            Note(incident, openedAt, "opened", message, cause);
        }

        /// <summary>Applies kept actions that now fall in the current incident's life, oldest first.</summary>
        private void Drain()
        {
            while (_current is not null)
            {
                var next = _pending.Where(p => _current.Covers(p.Order)).OrderBy(p => p.Order).FirstOrDefault();
                if (next is null)
                {
                    return;
                }
                _pending.Remove(next);
                ApplyToCurrent(next.Kind, next.Order, next.Source, next.Actor);
            }
        }

        private void Keep(PendingAction action)
        {
            if (_pending.Any(p => p.Order.EventId == action.Order.EventId))
            {
                return;
            }
            _pending.Add(action);
            _pending.Sort((a, b) => a.Order.CompareTo(b.Order));
            if (_pending.Count > AlertKeyState.PendingCapacity)
            {
                _pending.RemoveAt(0);
            }
        }

        private IncidentSummary AddAlert(IncidentSummary incident, EventOrder order)
        {
            var alerts = incident.RecentAlerts.Add(order).Sort();
            if (alerts.Count > IncidentSummary.RecentAlertCapacity)
            {
                alerts = alerts.RemoveAt(0);
            }
            var openedAt = order < incident.OpenedAt ? order : incident.OpenedAt;
            return Touch(incident with { AlertCount = incident.AlertCount + 1, RecentAlerts = alerts, OpenedAt = openedAt });
        }

        private IncidentSummary Touch(IncidentSummary incident)
        {
            if (!_touched.ContainsKey(incident.Number))
            {
                var before = initial.Current?.Number == incident.Number ? initial.Current.Status
                    : initial.Previous?.Number == incident.Number ? initial.Previous.Status
                    : (IncidentStatus?)null;
                _touched[incident.Number] = (before, null);
            }
            _latest[incident.Number] = incident;
            if (_previous?.Number == incident.Number)
            {
                _previous = incident;
            }
            return incident;
        }

        private void Note(IncidentSummary incident, EventOrder at, string kind, string message, IncidentAction action) =>
            Note(incident, at, kind, message, action.Source, action.Actor);

        private void Note(IncidentSummary incident, EventOrder at, string kind, string message, string source, string actor) =>
            _timeline.Add(new TimelineNote(incident.Number, at, kind, message, source, actor));

        public IncidentDecision Finish()
        {
            var changes = new List<IncidentChange>();
            var signals = new List<IncidentSignal>();
            foreach (var (number, (before, splitFrom)) in _touched)
            {
                var summary = _latest[number];
                var isNew = !IsKnown(number);
                changes.Add(new IncidentChange(summary, isNew, splitFrom));
                if (isNew && summary.Status != IncidentStatus.Open)
                {
                    _timeline.Add(new TimelineNote(number, summary.OpenedAt, "not_paged",
                        $"Nobody paged: an earlier-received event had already {(summary.Status == IncidentStatus.Resolved ? "resolved" : "acknowledged")} it.",
                        "klaxon", "klaxon"));
                }
                if (Signal(summary, isNew ? null : before) is { } signal)
                {
                    signals.Add(signal);
                }
            }
            var state = new AlertKeyState(_current, _previous, [.. _pending]);
            return new IncidentDecision(state, changes, _timeline, signals);
        }

        private bool IsKnown(long number) => initial.Current?.Number == number || initial.Previous?.Number == number;

        private static IncidentSignal? Signal(IncidentSummary summary, IncidentStatus? before) => (before, summary.Status) switch
        {
            (null, IncidentStatus.Open) => new IncidentSignal(summary.Number, IncidentSignalKind.Triggered, null),
            (IncidentStatus.Open, IncidentStatus.Acknowledged) => new IncidentSignal(summary.Number, IncidentSignalKind.Acknowledged, summary.AcknowledgedBy),
            (IncidentStatus.Open or IncidentStatus.Acknowledged, IncidentStatus.Resolved) => new IncidentSignal(summary.Number, IncidentSignalKind.Resolved, summary.ResolvedBy),
            _ => null,
        };

        private static string Verb(IncidentActionKind kind) => kind switch
        {
            IncidentActionKind.Acknowledge => "Acknowledge",
            IncidentActionKind.Resolve => "Resolve",
            _ => "Create",
        };
    }
}
