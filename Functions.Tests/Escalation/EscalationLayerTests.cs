using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationLayerTests
{
    private static EscalationDriver TwoLayers() => new(Account(
        Team(0, Layer(5, U("alice")), Layer(10, U("bob"))),
        User("alice", Sms(0), Voice(2), Email(10)),
        User("bob", Sms(0))));

    [Fact]
    public void The_first_layer_runs_each_paged_users_steps_from_the_moment_they_are_paged()
    {
        var driver = TwoLayers();

        var started = driver.Start();
        Assert.Equal(["+0 alice sms L1"], started.Pages.Select(EscalationDriver.Describe));
        Assert.Equal(EscalationDriver.T0.AddMinutes(2), EscalationEngine.NextDueAt(driver.State));

        driver.AdvanceBy(1);
        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
        driver.AdvanceBy(1);
        Assert.Equal(["+0 alice sms L1", "+2 alice voice L1"], driver.PageLog);
        Assert.Equal(["Paged alice by sms (layer 1)", "Paged alice by voice (layer 1)"], driver.NoteTexts(EscalationNoteKind.Paged));
        Assert.Equal(["Paging layer 1: alice"], driver.NoteTexts(EscalationNoteKind.LayerStarted));
    }

    [Fact]
    public void Without_acknowledgement_the_next_layer_starts_after_escalateAfter_and_the_previous_layers_steps_stop()
    {
        var driver = TwoLayers();
        driver.Start();

        driver.AdvanceBy(5);
        Assert.Equal(["+0 alice sms L1", "+2 alice voice L1", "+5 bob sms L2"], driver.PageLog);
        Assert.Equal((1, EscalationDriver.T0.AddMinutes(5)), (driver.State.LayerIndex, driver.State.LayerStartedAt));
        Assert.Equal(["Escalating from layer 1: not acknowledged within PT5M"], driver.NoteTexts(EscalationNoteKind.Escalated));
        Assert.Equal(["Stopped alice's remaining steps: layer 1 escalated"], driver.NoteTexts(EscalationNoteKind.StepsStopped));

        // Alice's email at +10 belonged to layer 1 and never goes out.
        driver.AdvanceBy(5);
        Assert.DoesNotContain(driver.Pages, p => p.Channel == Klaxon.Accounts.NotificationChannel.Email);
    }

    [Fact]
    public void A_step_due_exactly_at_the_boundary_is_not_sent_because_the_layer_owns_only_the_time_before_it()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, U("bob"))),
            User("alice", Sms(0), Voice(5)),
            User("bob", Sms(0))));
        driver.Start();

        driver.AdvanceBy(5);

        Assert.Equal(["+0 alice sms L1", "+5 bob sms L2"], driver.PageLog);
    }

    [Fact]
    public void Users_reached_through_several_targets_are_paged_once_in_first_occurrence_order()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, S("primary"), U("alice"), U("bob"), S("primary"))),
            User("alice", Sms(0)),
            User("bob", Sms(0))));
        driver.OnCall["primary"] = ["bob", "alice"];

        driver.Start();

        Assert.Equal(["+0 bob sms L1", "+0 alice sms L1"], driver.PageLog);
        Assert.Equal(["Paging layer 1: bob, alice"], driver.NoteTexts(EscalationNoteKind.LayerStarted));
    }

    [Fact]
    public void Schedules_are_resolved_when_their_layer_starts_not_when_the_incident_opens()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, S("primary"))),
            User("alice", Sms(0)),
            User("bob", Sms(0)),
            User("carol", Sms(0))));
        driver.OnCall["primary"] = ["bob"];
        driver.Start();

        driver.OnCall["primary"] = ["carol"];
        driver.AdvanceBy(5);

        Assert.Equal(["+0 alice sms L1", "+5 carol sms L2"], driver.PageLog);
    }

    [Fact]
    public void A_user_in_two_layers_is_paged_again_by_the_second_with_fresh_steps_and_distinct_page_ids()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, U("alice"), U("bob"))),
            User("alice", Sms(0), Voice(6)),
            User("bob", Sms(0))));
        driver.Start();

        driver.AdvanceBy(5);

        Assert.Equal(["+0 alice sms L1", "+5 alice sms L2", "+5 bob sms L2"], driver.PageLog);
        Assert.Equal(["acct:42:0:0:alice:0", "acct:42:0:1:alice:0", "acct:42:0:1:bob:0"], driver.Pages.Select(p => p.Id));
        Assert.Equal([EscalationDriver.T0.AddMinutes(11)], driver.State.PendingSteps.Select(s => s.DueAt));
    }
}
