using Klaxon.Common;
using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

/// <summary>A silent incident is recorded but pages nobody, and its timeline says why.</summary>
public class EscalationSilentTests
{
    private static EscalationDriver OneLayer() => new(Account(
        Team(0, Layer(5, U("alice"))),
        User("alice", Sms(0), Voice(2))));

    [Fact]
    public void Silent_urgency_starts_stopped_pages_nobody_and_says_why()
    {
        var driver = OneLayer();

        var started = driver.Start(Urgency.Silent);

        Assert.True(started.Changed);
        Assert.Empty(started.Pages);
        Assert.Equal(EscalationStatus.Stopped, driver.State.Status);
        Assert.Equal(EscalationEngine.SilentReason, driver.State.StopReason);
        Assert.Equal([EscalationEngine.SilentNote], driver.NoteTexts(EscalationNoteKind.Silenced));
        Assert.Null(EscalationEngine.NextDueAt(driver.State));
    }

    [Fact]
    public void A_silent_incident_never_pages_later_and_acknowledging_it_changes_nothing()
    {
        var driver = OneLayer();
        driver.Start(Urgency.Silent);

        Assert.False(driver.AdvanceBy(60).Changed);
        Assert.False(driver.EscalateNow("carol").Changed);
        Assert.False(driver.Stop("acknowledged by alice").Changed);
        Assert.Empty(driver.PageLog);
    }

    [Fact]
    public void The_same_policy_pages_at_low_urgency()
    {
        var driver = OneLayer();

        driver.Start(Urgency.Low);

        Assert.Equal(["+0 alice sms L1"], driver.PageLog);
    }
}
