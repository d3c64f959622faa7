using Klaxon.Incidents;
using static Klaxon.Tests.Incidents.KeyHistory;

namespace Klaxon.Tests.Incidents;

public class AlertKeyMachineTests
{
    [Fact]
    public void Create_opens_an_incident_and_pages()
    {
        var key = new KeyHistory();
        var decision = key.Apply(Create(1));

        var change = Assert.Single(decision.Changes);
        Assert.True(change.IsNew);
        Assert.Equal(1, change.Summary.Number);
        Assert.Equal(IncidentStatus.Open, change.Summary.Status);
        Assert.Equal(1, change.Summary.AlertCount);
        Assert.Equal(new IncidentSignal(1, IncidentSignalKind.Triggered, null), Assert.Single(decision.Signals));
        Assert.Equal("opened", Assert.Single(decision.Timeline).Kind);
    }

    [Fact]
    public void Create_while_open_or_acknowledged_adds_an_alert_without_paging_again()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Create(2), Ack(3), Create(4)]);

        var incident = Assert.Single(key.State.Incidents);
        Assert.Equal(3, incident.AlertCount);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal([1L], key.Triggered);
        Assert.Equal(2, key.Notes.Count(n => n.Kind == "alert"));
    }

    [Fact]
    public void Create_after_resolve_opens_a_new_incident()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Resolve(2), Create(3)]);

        Assert.Equal([IncidentStatus.Resolved, IncidentStatus.Open], key.State.Incidents.Select(i => i.Status));
        Assert.Equal([1L, 2L], key.Triggered);
    }

    [Fact]
    public void Acknowledge_moves_open_to_acknowledged_and_stops_paging()
    {
        var key = new KeyHistory().ApplyAll([Create(1)]);
        var decision = key.Apply(Ack(2, "alice"));

        Assert.Equal(IncidentStatus.Acknowledged, key.Incident(1).Status);
        Assert.Equal("alice", key.Incident(1).AcknowledgedBy);
        Assert.Equal(new IncidentSignal(1, IncidentSignalKind.Acknowledged, "alice"), Assert.Single(decision.Signals));
    }

    [Fact]
    public void Resolve_moves_acknowledged_to_resolved()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Ack(2)]);
        var decision = key.Apply(Resolve(3, "bob"));

        Assert.Equal(IncidentStatus.Resolved, key.Incident(1).Status);
        Assert.Equal("bob", key.Incident(1).ResolvedBy);
        Assert.Equal(IncidentSignalKind.Resolved, Assert.Single(decision.Signals).Kind);
    }

    [Theory]
    [InlineData(IncidentActionKind.Acknowledge, "Acknowledge ignored: the incident was already acknowledged.")]
    [InlineData(IncidentActionKind.Resolve, null)]
    public void Second_acknowledge_is_a_recorded_no_op(IncidentActionKind kind, string? expected)
    {
        var key = new KeyHistory().ApplyAll([Create(1), Ack(2)]);
        var decision = key.Apply(At(3, kind));
        if (expected is null)
        {
            Assert.Equal(IncidentStatus.Resolved, key.Incident(1).Status);
            return;
        }
        Assert.Empty(decision.Changes);
        Assert.Empty(decision.Signals);
        var note = Assert.Single(decision.Timeline);
        Assert.Equal(("noop", expected), (note.Kind, note.Message));
    }

    [Fact]
    public void Acknowledge_or_resolve_after_resolve_is_a_recorded_no_op()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Resolve(2)]);

        var ack = key.Apply(Ack(3));
        var resolve = key.Apply(Resolve(4));

        Assert.Empty(ack.Changes);
        Assert.Empty(resolve.Changes);
        Assert.Equal("Acknowledge ignored: the incident was already resolved.", Assert.Single(ack.Timeline).Message);
        Assert.Equal("Resolve ignored: the incident was already resolved.", Assert.Single(resolve.Timeline).Message);
        Assert.Equal("Webhook", key.Incident(1).ResolvedBy);
    }

    [Fact]
    public void Resolve_applied_before_the_earlier_create_leaves_the_incident_resolved_and_nobody_paged()
    {
        var key = new KeyHistory();
        var kept = key.Apply(Resolve(2));
        Assert.Empty(kept.Changes);
        Assert.Single(key.State.Log);

        var decision = key.Apply(Create(1));

        var change = Assert.Single(decision.Changes);
        Assert.True(change.IsNew);
        Assert.Equal(IncidentStatus.Resolved, change.Summary.Status);
        Assert.Empty(decision.Signals);
        Assert.Contains(decision.Timeline, n => n.Kind == "not_paged");
        Assert.Contains(decision.Timeline, n => n.Kind == "resolved" && n.Message.Contains("applied in order of receipt", StringComparison.Ordinal));
    }

    [Fact]
    public void Acknowledge_applied_before_the_earlier_create_leaves_it_acknowledged_without_paging()
    {
        var key = new KeyHistory().ApplyAll([Ack(2, "carol"), Create(1)]);

        var incident = Assert.Single(key.State.Incidents);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("carol", incident.AcknowledgedBy);
        Assert.Empty(key.Signals);
    }

    [Fact]
    public void Late_resolve_splits_alerts_received_after_it_into_a_new_incident_that_pages()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Create(3)]);
        Assert.Equal(2, key.Incident(1).AlertCount);

        var decision = key.Apply(Resolve(2));

        Assert.Equal(IncidentStatus.Resolved, key.Incident(1).Status);
        Assert.Equal(1, key.Incident(1).AlertCount);
        var reopened = key.Incident(2);
        Assert.Equal(IncidentStatus.Open, reopened.Status);
        Assert.Equal("e0003", reopened.OpenedAt.EventId);
        Assert.Equal(1, Assert.Single(decision.Changes, c => c.IsNew).SplitFrom);
        Assert.Contains(new IncidentSignal(2, IncidentSignalKind.Triggered, null), decision.Signals);
        Assert.Contains(new IncidentSignal(1, IncidentSignalKind.Resolved, "Webhook"), decision.Signals);
    }

    [Fact]
    public void Late_create_sent_before_the_resolve_counts_on_the_resolved_incident_without_reopening()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Resolve(3)]);
        var decision = key.Apply(Create(2));

        var incident = Assert.Single(key.State.Incidents);
        Assert.Equal((IncidentStatus.Resolved, 2), (incident.Status, incident.AlertCount));
        Assert.Empty(decision.Signals);
        Assert.Equal("Alert received late: it was sent before this incident was resolved.", Assert.Single(decision.Timeline).Message);
    }

    [Fact]
    public void Redelivered_event_is_recognised_and_changes_nothing()
    {
        var key = new KeyHistory().ApplyAll([Create(1)]);
        var before = key.State;

        var again = key.Apply(Create(1));

        Assert.True(again.IsDuplicate);
        Assert.Same(before, again.State);
        Assert.Empty(again.Changes);
        Assert.Single(key.Triggered);
    }

    [Fact]
    public void Targeted_action_applies_only_to_the_named_incident()
    {
        var key = new KeyHistory().ApplyAll([Create(1), Resolve(2), Create(3)]);

        var stale = key.Apply(At(4, IncidentActionKind.Acknowledge, "alice", target: 1));
        Assert.Empty(stale.Changes);
        Assert.Equal((1L, "noop"), (Assert.Single(stale.Timeline).Number, stale.Timeline[0].Kind));

        var current = key.Apply(At(5, IncidentActionKind.Acknowledge, "alice", target: 2));
        Assert.Equal(IncidentStatus.Acknowledged, key.Incident(2).Status);
        Assert.Equal(IncidentSignalKind.Acknowledged, Assert.Single(current.Signals).Kind);
    }

    [Fact]
    public void Targeted_action_for_an_incident_no_longer_in_the_key_is_a_no_op_on_that_incident()
    {
        var key = new KeyHistory().ApplyAll([Create(1)]);
        var decision = key.Apply(At(2, IncidentActionKind.Resolve, "alice", target: 99));

        Assert.Empty(decision.Changes);
        Assert.Equal(99, Assert.Single(decision.Timeline).Number);
        Assert.Equal(IncidentStatus.Open, key.Incident(1).Status);
    }

    [Fact]
    public void A_flapping_alert_keeps_one_incident_and_a_bounded_log()
    {
        var key = new KeyHistory().ApplyAll(Enumerable.Range(1, 250).Select(Create));

        var incident = Assert.Single(key.State.Incidents);
        Assert.Equal(250, incident.AlertCount);
        Assert.True(key.State.Log.Count <= AlertKeyState.LogCapacity);
        Assert.Single(key.Triggered);

        key.Apply(Resolve(251));
        Assert.Equal(IncidentStatus.Resolved, key.Incident(1).Status);
        Assert.Equal(250, key.Incident(1).AlertCount);
    }

    [Fact]
    public void Open_resolve_cycles_drop_old_incidents_from_the_key_state()
    {
        var key = new KeyHistory().ApplyAll(Enumerable.Range(0, 200).SelectMany(i => new[] { Create(2 * i + 1), Resolve(2 * i + 2) }));

        Assert.True(key.State.Log.Count <= AlertKeyState.LogCapacity);
        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), key.Triggered);
        Assert.All(key.State.Incidents, i => Assert.Equal(IncidentStatus.Resolved, i.Status));
        Assert.NotNull(key.State.Horizon);
    }

    [Fact]
    public void Event_older_than_the_compacted_history_is_a_recorded_no_op()
    {
        var key = new KeyHistory().ApplyAll(Enumerable.Range(0, 100).SelectMany(i => new[] { Create(10 + (2 * i)), Resolve(11 + (2 * i)) }));
        var before = key.State;

        var decision = key.Apply(Create(1));

        Assert.Empty(decision.Changes);
        Assert.Same(before, decision.State);
        Assert.Contains("cannot be placed in order", Assert.Single(decision.Timeline).Message, StringComparison.Ordinal);
    }
}
