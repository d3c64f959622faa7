using Klaxon.Incidents;

namespace Klaxon.Tests.Incidents;

/// <summary>Drives <see cref="AlertKeyMachine"/> like the applier does, keeping state, numbers and everything emitted.</summary>
internal sealed class KeyHistory
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private long _lastNumber;

    public AlertKeyState State { get; private set; } = AlertKeyState.Empty;

    public List<IncidentSignal> Signals { get; } = [];

    public List<TimelineNote> Notes { get; } = [];

    public List<IncidentDecision> Decisions { get; } = [];

    /// <summary>An event received <paramref name="second"/> seconds after the epoch; its id is derived from the time.</summary>
    public static IncidentAction At(int second, IncidentActionKind kind, string actor = "Webhook", long? target = null) =>
        new(kind, new EventOrder(Epoch.AddSeconds(second), $"e{second:D4}"), target is null ? "webhook" : "api", actor, target);

    public static IncidentAction Create(int second) => At(second, IncidentActionKind.Create);

    public static IncidentAction Ack(int second, string actor = "alice") => At(second, IncidentActionKind.Acknowledge, actor);

    public static IncidentAction Resolve(int second, string actor = "Webhook") => At(second, IncidentActionKind.Resolve, actor);

    public IncidentDecision Apply(IncidentAction action)
    {
        var decision = AlertKeyMachine.Apply(State, action, () => ++_lastNumber);
        State = decision.State;
        Signals.AddRange(decision.Signals);
        Notes.AddRange(decision.Timeline);
        Decisions.Add(decision);
        return decision;
    }

    public KeyHistory ApplyAll(IEnumerable<IncidentAction> actions)
    {
        foreach (var action in actions)
        {
            Apply(action);
        }
        return this;
    }

    public IncidentSummary Incident(long number) => State.Incidents.Single(i => i.Number == number);

    /// <summary>The incidents as a comparable shape that ignores numbering (which depends on arrival order).</summary>
    public IReadOnlyList<string> Shape() => [.. State.Incidents.Select(i =>
        $"{i.OpenedAt.EventId} {i.Status} alerts={i.AlertCount} ack={i.AcknowledgedAt?.EventId ?? "-"} resolved={i.ResolvedAt?.EventId ?? "-"}")];

    public IEnumerable<long> Triggered => Signals.Where(s => s.Kind == IncidentSignalKind.Triggered).Select(s => s.Number);
}
