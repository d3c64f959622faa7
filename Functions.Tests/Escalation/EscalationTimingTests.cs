using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationTimingTests
{
    private static EscalationDriver Busy() => new(Account(
        Team(1, Layer(5, U("alice")), Layer(7, S("primary"), U("bob"))),
        User("alice", Sms(0), Voice(2), Email(4)),
        User("bob", Sms(0), Voice(3), Email(6)),
        User("carol", Voice(1))));

    [Fact]
    public void A_late_sweep_sends_everything_due_in_order_exactly_once_timed_from_the_boundaries()
    {
        var late = Busy();
        late.OnCall["primary"] = ["carol"];
        late.Start();

        late.AdvanceBy(60);

        Assert.Equal(
            ["+0 alice sms L1", "+2 alice voice L1", "+4 alice email L1",
             "+5 bob sms L2", "+6 carol voice L2", "+8 bob voice L2", "+11 bob email L2",
             "+12 alice sms L1c2", "+14 alice voice L1c2", "+16 alice email L1c2",
             "+17 bob sms L2c2", "+18 carol voice L2c2", "+20 bob voice L2c2", "+23 bob email L2c2"],
            late.PageLog);
        Assert.Equal(EscalationDriver.T0.AddMinutes(24), late.Notes.Single(n => n.Kind == EscalationNoteKind.Exhausted).At);
        Assert.Equal(late.Notes.Select(n => n.At).Order(), late.Notes.Select(n => n.At));
        Assert.False(late.Advance().Changed);
    }

    [Fact]
    public void One_late_sweep_produces_exactly_what_frequent_sweeps_do()
    {
        var frequent = Busy();
        var late = Busy();
        foreach (var driver in new[] { frequent, late })
        {
            driver.OnCall["primary"] = ["carol"];
            driver.Start();
        }

        for (var i = 0; i < 4 * 30; i++)
        {
            frequent.Time.Advance(TimeSpan.FromSeconds(15));
            frequent.Advance();
        }
        late.AdvanceBy(30);

        Assert.Equal(frequent.Pages, late.Pages);
        Assert.Equal(frequent.Notes, late.Notes);
        Assert.Equal(frequent.State.Status, late.State.Status);
    }

    [Fact]
    public void Advancing_twice_with_the_same_now_does_nothing_the_second_time()
    {
        var driver = Busy();
        driver.OnCall["primary"] = [];
        driver.Start();
        driver.AdvanceBy(6);
        var state = driver.State;

        var again = driver.Advance();

        Assert.False(again.Changed);
        Assert.Same(state, again.State);
        Assert.Empty(again.Pages);
        Assert.Empty(again.Notes);
    }

    [Fact]
    public void Version_goes_up_by_one_per_call_that_changes_anything()
    {
        var driver = Busy();
        driver.OnCall["primary"] = [];

        driver.Start();
        Assert.Equal(1, driver.State.Version);
        driver.AdvanceBy(1);
        Assert.Equal(1, driver.State.Version);
        driver.AdvanceBy(10);
        Assert.Equal(2, driver.State.Version);
        driver.Stop("resolved");
        Assert.Equal(3, driver.State.Version);
    }

    [Fact]
    public void Next_due_is_the_earliest_pending_step_or_layer_boundary()
    {
        var driver = Busy();
        driver.OnCall["primary"] = [];
        driver.Start();

        Assert.Equal(EscalationDriver.T0.AddMinutes(2), EscalationEngine.NextDueAt(driver.State));
        driver.AdvanceBy(4);
        Assert.Equal(EscalationDriver.T0.AddMinutes(5), EscalationEngine.NextDueAt(driver.State));
        driver.AdvanceBy(1);
        // Layer 2 started at +5 and sent bob's sms; his voice step at +8 comes before the boundary at +12.
        Assert.Equal(EscalationDriver.T0.AddMinutes(8), EscalationEngine.NextDueAt(driver.State));
    }
}
