using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationRepeatTests
{
    [Fact]
    public void The_policy_repeats_then_records_exhaustion_and_stays_quiet_with_the_incident_open()
    {
        var driver = new EscalationDriver(Account(
            Team(1, Layer(5, U("alice")), Layer(5, U("bob"))),
            User("alice", Sms(0)),
            User("bob", Sms(0))));
        driver.Start();

        for (var minute = 0; minute < 30; minute++)
        {
            driver.AdvanceBy(1);
        }

        Assert.Equal(["+0 alice sms L1", "+5 bob sms L2", "+10 alice sms L1c2", "+15 bob sms L2c2"], driver.PageLog);
        Assert.Equal(
            ["Paging layer 1 in cycle 1 of 2: alice", "Paging layer 2 in cycle 1 of 2: bob",
             "Paging layer 1 in cycle 2 of 2: alice", "Paging layer 2 in cycle 2 of 2: bob"],
            driver.NoteTexts(EscalationNoteKind.LayerStarted));
        var exhausted = Assert.Single(driver.Notes, n => n.Kind == EscalationNoteKind.Exhausted);
        Assert.Equal(EscalationDriver.T0.AddMinutes(20), exhausted.At);
        Assert.Equal("Escalation policy exhausted after 2 cycles; incident stays open", exhausted.Message);
        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.Null(EscalationEngine.NextDueAt(driver.State));
    }

    [Fact]
    public void With_repeat_zero_the_policy_runs_once()
    {
        var driver = new EscalationDriver(Account(Team(0, Layer(5, U("alice"))), User("alice", Sms(0))));
        driver.Start();

        driver.AdvanceBy(60);

        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
        Assert.Equal(["Escalation policy exhausted after 1 cycle; incident stays open"], driver.NoteTexts(EscalationNoteKind.Exhausted));
    }

    [Fact]
    public void After_exhaustion_the_last_layers_remaining_steps_still_run_out()
    {
        var driver = new EscalationDriver(Account(Team(0, Layer(5, U("alice"))), User("alice", Sms(0), Voice(10))));
        driver.Start();

        driver.AdvanceBy(5);
        Assert.Equal(EscalationStatus.Exhausted, driver.State.Status);
        Assert.Equal(EscalationDriver.T0.AddMinutes(10), EscalationEngine.NextDueAt(driver.State));
        Assert.Empty(driver.NoteTexts(EscalationNoteKind.StepsStopped));
        Assert.EndsWith("remaining notification steps still run", Assert.Single(driver.NoteTexts(EscalationNoteKind.Exhausted)));

        driver.AdvanceBy(5);
        Assert.Equal(["+0 alice sms L1", "+10 alice voice L1"], driver.PageLog);
        Assert.Null(EscalationEngine.NextDueAt(driver.State));
    }

    [Fact]
    public void Page_ids_carry_the_cycle_so_each_cycles_pages_are_distinct()
    {
        var driver = new EscalationDriver(Account(Team(2, Layer(5, U("alice"))), User("alice", Sms(0))));
        driver.Start();

        driver.AdvanceBy(15);

        Assert.Equal(["acct:42:0:0:alice:0", "acct:42:1:0:alice:0", "acct:42:2:0:alice:0"], driver.Pages.Select(p => p.Id));
    }
}
