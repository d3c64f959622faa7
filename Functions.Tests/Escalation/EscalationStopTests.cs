using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationStopTests
{
    private static EscalationDriver TwoLayers() => new(Account(
        Team(0, Layer(5, U("alice")), Layer(10, U("bob"))),
        User("alice", Sms(0), Voice(2)),
        User("bob", Sms(0), Voice(3))));

    [Fact]
    public void Acknowledging_between_steps_stops_every_pending_step_and_escalation_at_once()
    {
        var driver = TwoLayers();
        driver.Start();
        driver.AdvanceBy(1);

        var stopped = driver.Stop("acknowledged by alice");

        Assert.Equal(EscalationStatus.Stopped, driver.State.Status);
        Assert.Equal("acknowledged by alice", driver.State.StopReason);
        Assert.Equal(["Paging stopped: acknowledged by alice; cancelled the remaining steps of alice"], stopped.Notes.Select(n => n.Message));
        Assert.Empty(driver.State.PendingSteps);
        Assert.Null(EscalationEngine.NextDueAt(driver.State));

        var later = driver.AdvanceBy(60);
        Assert.False(later.Changed);
        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
    }

    [Fact]
    public void A_step_already_due_but_not_yet_swept_is_never_sent_after_acknowledgement()
    {
        var driver = TwoLayers();
        driver.Start();

        // The voice step fell due at +2 and the sweep has not run; the acknowledgement wins.
        driver.Time.Advance(TimeSpan.FromMinutes(3));
        driver.Stop("acknowledged by alice");
        driver.Advance();

        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
    }

    [Fact]
    public void Stopping_twice_or_escalating_a_stopped_incident_changes_nothing()
    {
        var driver = TwoLayers();
        driver.Start();
        driver.Stop("resolved");
        var version = driver.State.Version;

        Assert.False(driver.Stop("resolved").Changed);
        Assert.False(driver.EscalateNow("carol").Changed);
        Assert.Equal(version, driver.State.Version);
    }

    [Fact]
    public void Resolving_an_exhausted_incident_stops_its_remaining_steps()
    {
        var driver = new EscalationDriver(Account(Team(0, Layer(5, U("alice"))), User("alice", Sms(0), Voice(10))));
        driver.Start();
        driver.AdvanceBy(5);

        driver.Stop("resolved");
        driver.AdvanceBy(10);

        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
    }

    [Fact]
    public void Escalate_now_moves_to_the_next_layer_immediately_and_says_who_asked()
    {
        var driver = TwoLayers();
        driver.Start();
        driver.AdvanceBy(1);

        var escalated = driver.EscalateNow("carol");

        Assert.Equal(["+0 alice sms L1", "+1 bob sms L2"], driver.PageLog);
        Assert.Equal(["Escalating from layer 1: requested by carol"], escalated.Notes.Where(n => n.Kind == EscalationNoteKind.Escalated).Select(n => n.Message));
        Assert.Equal(EscalationDriver.T0.AddMinutes(11), driver.State.NextLayerAt);

        // Alice's voice step at +2 was dropped with her layer; bob's own steps run from +1.
        driver.AdvanceBy(3);
        Assert.Equal(["+0 alice sms L1", "+1 bob sms L2", "+4 bob voice L2"], driver.PageLog);
    }

    [Fact]
    public void Escalate_now_first_sends_what_was_already_due_in_order()
    {
        var driver = TwoLayers();
        driver.Start();

        driver.Time.Advance(TimeSpan.FromMinutes(3));
        driver.EscalateNow("carol");

        Assert.Equal(["+0 alice sms L1", "+2 alice voice L1", "+3 bob sms L2"], driver.PageLog);
    }

    [Fact]
    public void Escalate_now_from_the_last_layer_exhausts_the_policy()
    {
        var driver = TwoLayers();
        driver.Start();
        driver.EscalateNow("carol");

        driver.EscalateNow("carol");

        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.False(driver.EscalateNow("carol").Changed);
    }
}
