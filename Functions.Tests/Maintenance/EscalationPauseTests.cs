using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Maintenance;
using Microsoft.Extensions.Time.Testing;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Maintenance;

/// <summary>
/// Escalation under maintenance (pure, on a fake clock): opened in a window pages nobody; the window's end pages from
/// layer 1; a window starting mid-escalation drops what was pending; acknowledge stops a paused escalation.
/// </summary>
public class EscalationPauseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Alice (sms now, voice +2) for 5 minutes, then Bob (sms now).</summary>
    private static readonly AccountConfig Config = Account(
        Team(0, Layer(5, U("alice")), Layer(5, U("bob"))), User("alice", Sms(), Voice(2)), User("bob", Sms()));

    private readonly FakeTimeProvider _clock = new(T0);

    [Fact]
    public void Opened_in_a_window_pages_nobody_and_at_its_end_pages_from_layer_one()
    {
        var window = Cover(T0.AddMinutes(30));
        var started = EscalationPause.StartPaused("acct", 1, Urgency.High, Config.FindTeam("ops")!, "mon", window, _clock.GetUtcNow());

        Assert.Empty(started.Pages);
        Assert.Equal(EscalationNoteKind.Paused, Assert.Single(started.Notes).Kind);
        Assert.StartsWith("Nobody paged: opened during maintenance, window 'w' for team ops, until 2026-03-02 09:30:00 UTC", started.Notes[0].Message, StringComparison.Ordinal);
        // Checked again at least every minute, so an ad hoc window ended early is noticed.
        Assert.Equal(T0.AddMinutes(1), EscalationEngine.NextDueAt(started.State));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var still = EscalationPause.Advance(started.State, Config, NoSchedules, window, _clock.GetUtcNow());
        Assert.Empty(still.Pages);
        Assert.Empty(still.Notes);
        Assert.Equal(T0.AddMinutes(2), EscalationEngine.NextDueAt(still.State));

        _clock.SetUtcNow(T0.AddMinutes(30));
        var resumed = EscalationPause.Advance(still.State, Config, NoSchedules, null, _clock.GetUtcNow());
        Assert.Equal(EscalationNoteKind.Resumed, resumed.Notes[0].Kind);
        Assert.Equal("Maintenance over: paging from the first layer", resumed.Notes[0].Message);
        var page = Assert.Single(resumed.Pages);
        Assert.Equal(("alice", NotificationChannel.Sms, 0, T0.AddMinutes(30)), (page.UserId, page.Channel, page.LayerIndex, page.DueAt));
        Assert.Null(resumed.State.PausedUntil);
        Assert.Equal(T0.AddMinutes(32), EscalationEngine.NextDueAt(resumed.State));
    }

    [Fact]
    public void A_window_that_starts_during_an_escalation_drops_its_pending_steps_and_resumes_from_layer_one()
    {
        var running = EscalationEngine.Start("acct", 1, Urgency.High, Config.FindTeam("ops")!, Config, NoSchedules, T0);
        Assert.Equal("alice", Assert.Single(running.Pages).UserId);
        // At +2 alice's voice step is due; a window began at +1.
        _clock.Advance(TimeSpan.FromMinutes(2));

        var paused = EscalationPause.Advance(running.State, Config, NoSchedules, Cover(T0.AddMinutes(20)), _clock.GetUtcNow());

        Assert.Empty(paused.Pages);
        Assert.Equal("Paging paused: maintenance, window 'w' for team ops, until 2026-03-02 09:20:00 UTC; cancelled the remaining steps of alice",
            Assert.Single(paused.Notes).Message);
        Assert.Empty(paused.State.PendingSteps);
        Assert.Null(paused.State.NextLayerAt);

        _clock.SetUtcNow(T0.AddMinutes(20));
        var resumed = EscalationPause.Advance(paused.State, Config, NoSchedules, null, _clock.GetUtcNow());
        Assert.Equal(("alice", 0), (Assert.Single(resumed.Pages).UserId, resumed.Pages[0].LayerIndex));
        Assert.Equal(T0.AddMinutes(25), resumed.State.NextLayerAt);
    }

    [Fact]
    public void Acknowledge_during_a_window_stops_it_for_good_and_escalate_now_is_refused()
    {
        var started = EscalationPause.StartPaused("acct", 1, Urgency.High, Config.FindTeam("ops")!, "mon", Cover(T0.AddHours(1)), T0);

        var refused = EscalationPause.EscalateNow(started.State, Config, NoSchedules, Cover(T0.AddHours(1)), "carol", T0.AddMinutes(1));
        Assert.Empty(refused.Pages);
        Assert.Equal("Not escalated as carol asked: paging is paused for maintenance until 2026-03-02 10:00:00 UTC", Assert.Single(refused.Notes).Message);

        var stopped = EscalationEngine.Stop(refused.State, "acknowledged by alice", T0.AddMinutes(2));
        Assert.Null(EscalationEngine.NextDueAt(stopped.State));
        var after = EscalationPause.Advance(stopped.State, Config, NoSchedules, null, T0.AddHours(2));
        Assert.False(after.Changed);
        Assert.Empty(after.Pages);
    }

    [Fact]
    public void Escalate_now_in_a_window_that_has_not_paused_the_escalation_yet_pauses_it_instead()
    {
        var running = EscalationEngine.Start("acct", 1, Urgency.High, Config.FindTeam("ops")!, Config, NoSchedules, T0);

        var refused = EscalationPause.EscalateNow(running.State, Config, NoSchedules, Cover(T0.AddMinutes(30)), "carol", T0.AddMinutes(1));

        Assert.Empty(refused.Pages);
        Assert.Equal([EscalationNoteKind.Paused, EscalationNoteKind.Paused], refused.Notes.Select(n => n.Kind));
        Assert.StartsWith("Not escalated as carol asked", refused.Notes[1].Message, StringComparison.Ordinal);
        Assert.Empty(refused.State.PendingSteps);
        Assert.Equal(T0.AddMinutes(2), refused.State.PausedUntil);

        var afterWindow = EscalationPause.EscalateNow(refused.State, Config, NoSchedules, null, "carol", T0.AddMinutes(31));
        Assert.Equal(EscalationNoteKind.Resumed, afterWindow.Notes[0].Kind);
        Assert.Equal(("alice", 0), (Assert.Single(afterWindow.Pages).UserId, afterWindow.Pages[0].LayerIndex));
    }

    private static MaintenanceCover Cover(DateTimeOffset until) => new(until, "window 'w' for team ops");

    private static IReadOnlyList<string>? NoSchedules(string scheduleId, DateTimeOffset at) => null;
}
