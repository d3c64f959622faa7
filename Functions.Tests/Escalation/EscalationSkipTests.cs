using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationSkipTests
{
    [Fact]
    public void A_layer_with_nobody_on_call_is_skipped_at_once_instead_of_waiting_out_its_delay()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, S("primary")), Layer(10, U("bob"))),
            User("bob", Sms(0))));
        driver.OnCall["primary"] = [];

        driver.Start();

        Assert.Equal(["+0 bob sms L2"], driver.PageLog);
        Assert.Equal(["Skipped layer 1: nobody on call"], driver.NoteTexts(EscalationNoteKind.Skipped));
        Assert.Equal(EscalationDriver.T0.AddMinutes(10), driver.State.NextLayerAt);
    }

    [Fact]
    public void Deleted_users_and_schedules_are_skipped_with_a_timeline_entry()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("ghost"), S("gone"), S("primary"), U("alice"))),
            User("alice", Sms(0))));
        driver.OnCall["primary"] = ["departed"];

        driver.Start();

        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
        Assert.Equal(
            ["Skipped user 'ghost' in layer 1: no longer in the account configuration",
             "Skipped schedule 'gone' in layer 1: it no longer exists",
             "Skipped user 'departed' (on call on schedule 'primary') in layer 1: no longer in the account configuration"],
            driver.NoteTexts(EscalationNoteKind.Skipped));
    }

    [Fact]
    public void A_user_deleted_after_being_paged_has_their_remaining_steps_skipped()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(30, U("alice"), U("bob"))),
            User("alice", Sms(0), Voice(2), Email(4)),
            User("bob", Sms(0), Voice(2))));
        driver.Start();

        driver.Config = driver.Config with { Users = [.. driver.Config.Users.Where(u => u.Id != "alice")] };
        driver.AdvanceBy(10);

        Assert.Equal(["+0 alice sms L1", "+0 bob sms L1", "+2 bob voice L1"], driver.PageLog);
        Assert.Equal(["Skipped alice's remaining steps (layer 1): no longer in the account configuration"],
            driver.NoteTexts(EscalationNoteKind.Skipped));
    }

    [Fact]
    public void With_nobody_on_call_anywhere_it_says_so_once_rechecks_at_each_boundary_and_pages_whoever_comes_on_call()
    {
        var driver = new EscalationDriver(Account(
            Team(1, Layer(5, S("primary")), Layer(5, S("secondary"))),
            User("alice", Sms(0))));
        driver.OnCall["primary"] = [];
        driver.OnCall["secondary"] = [];

        driver.Start();
        Assert.Empty(driver.Pages);
        var nobody = Assert.Single(driver.Notes, n => n.Kind == EscalationNoteKind.NobodyOnCall);
        Assert.Equal(EscalationDriver.T0, nobody.At);
        Assert.Equal(EscalationDriver.T0.AddMinutes(5), EscalationEngine.NextDueAt(driver.State));

        var recheck = driver.AdvanceBy(5);
        Assert.True(recheck.Changed);
        Assert.Empty(recheck.Notes);
        Assert.Equal(EscalationDriver.T0.AddMinutes(10), driver.State.NextLayerAt);

        // Alice comes on call at +7; the next boundary (+10) finds her, on layer 1 of the second cycle.
        driver.AdvanceBy(2);
        driver.OnCall["primary"] = ["alice"];
        driver.AdvanceBy(3);

        Assert.Equal(["+10 alice sms L1c2"], driver.PageLog);
        Assert.Single(driver.Notes, n => n.Kind == EscalationNoteKind.NobodyOnCall);
        Assert.False(driver.State.NobodyOnCall);
    }

    [Fact]
    public void With_nobody_on_call_until_the_end_the_policy_is_exhausted_after_its_full_duration()
    {
        var driver = new EscalationDriver(Account(Team(1, Layer(5, S("primary"))), User("alice", Sms(0))));
        driver.OnCall["primary"] = [];
        driver.Start();

        driver.AdvanceBy(9);
        Assert.Equal(EscalationStatus.Active, driver.State.Status);
        driver.AdvanceBy(1);

        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.Equal(
            [EscalationNoteKind.Started, EscalationNoteKind.Skipped, EscalationNoteKind.NobodyOnCall, EscalationNoteKind.Exhausted],
            driver.Notes.Select(n => n.Kind));
        Assert.Equal(EscalationDriver.T0.AddMinutes(10), driver.Notes[^1].At);
    }

    [Fact]
    public void When_only_the_rest_of_the_policy_is_empty_it_is_skipped_at_once_and_the_policy_exhausts()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, S("primary")), Layer(5, S("primary"))),
            User("alice", Sms(0), Voice(7))));
        driver.OnCall["primary"] = [];
        driver.Start();

        driver.AdvanceBy(5);

        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.Equal(["Skipped layer 2: nobody on call", "Skipped layer 3: nobody on call"], driver.NoteTexts(EscalationNoteKind.Skipped));
        Assert.Empty(driver.NoteTexts(EscalationNoteKind.NobodyOnCall));
        // Nobody took over, so alice's remaining step still runs.
        driver.AdvanceBy(2);
        Assert.Equal(["+0 alice sms L1", "+7 alice voice L1"], driver.PageLog);
    }

    [Fact]
    public void An_empty_policy_is_exhausted_at_once()
    {
        var driver = new EscalationDriver(Account(Team(0), User("alice", Sms(0))));

        driver.Start();

        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.Empty(driver.Pages);
        Assert.Null(EscalationEngine.NextDueAt(driver.State));
    }
}
