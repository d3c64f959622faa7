using Klaxon.Notifications.Throttling;

namespace Klaxon.Tests.Notifications.Throttling;

public class ThrottleStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static PageRef Page(int n, DateTimeOffset at) => new($"job{n}", "acct", n, "alice", at);

    private static PageRef Urgent(int n, DateTimeOffset at) => new($"job{n}", "acct", n, "alice", at, Urgent: true);

    [Fact]
    public void A_critical_page_goes_out_at_once_while_low_urgency_pages_are_held()
    {
        var state = ThrottleState.Empty;
        for (var n = 1; n <= 7; n++)
        {
            (state, _) = state.Acquire(Page(n, T0.AddMinutes(n)), T0.AddMinutes(n), limit: 5, Window);
        }
        Assert.Equal(2, state.Held.Count);

        var (after, decision) = state.Acquire(Urgent(8, T0.AddMinutes(8)), T0.AddMinutes(8), limit: 5, Window);

        Assert.True(decision.Allowed);
        Assert.Equal(["job6", "job7"], after.Held.Select(p => p.JobId));
        Assert.Contains(after.Sent, mark => mark.JobId == "job8" && mark.Urgent);
    }

    [Fact]
    public void Urgent_pages_are_held_only_behind_urgent_traffic_and_wait_for_the_urgent_budget()
    {
        var state = ThrottleState.Empty;
        for (var n = 1; n <= 5; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 5, Window);
        }
        (state, var low) = state.Acquire(Page(6, T0.AddMinutes(1)), T0.AddMinutes(1), limit: 5, Window);
        for (var n = 7; n <= 11; n++)
        {
            (state, var allowed) = state.Acquire(Urgent(n, T0.AddMinutes(2)), T0.AddMinutes(2), limit: 5, Window);
            Assert.True(allowed.Allowed);
        }

        var (held, urgent) = state.Acquire(Urgent(12, T0.AddMinutes(3)), T0.AddMinutes(3), limit: 5, Window);

        Assert.False(low.Allowed);
        Assert.False(urgent.Allowed);
        Assert.Equal(T0 + Window, low.FlushAt);
        // The flush already scheduled for the low page is sooner than the urgent budget frees up: it is kept, and at
        // that time the summary (it carries an urgent page) waits for the urgent budget, not for low traffic.
        Assert.Equal(T0 + Window, urgent.FlushAt);
        Assert.Equal(["job6", "job12"], held.Held.Select(p => p.JobId));
        var (waiting, none, retryAt) = held.Flush("summary", T0 + Window, limit: 5, Window);
        Assert.Empty(none);
        Assert.Equal(T0.AddMinutes(2) + Window, retryAt);
        var (_, send, _) = waiting.Flush("summary", T0.AddMinutes(2) + Window, limit: 5, Window);
        Assert.Equal(["job6", "job12"], send.Select(p => p.JobId));
    }

    [Fact]
    public void A_summary_carrying_an_urgent_page_uses_the_urgent_budget()
    {
        var state = ThrottleState.Empty;
        for (var n = 1; n <= 2; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 1, Window); // job1 sent, job2 held
        }
        (state, _) = state.Acquire(Urgent(3, T0), T0, limit: 1, Window); // sent on the urgent budget
        (state, _) = state.Acquire(Urgent(4, T0), T0, limit: 1, Window); // held behind it

        var (_, send, retryAt) = state.Flush("summary", T0 + Window + TimeSpan.FromSeconds(1), limit: 1, Window);

        Assert.Null(retryAt);
        Assert.Equal(["job2", "job4"], send.Select(p => p.JobId));
    }

    [Fact]
    public void Urgent_pages_are_refused_only_past_twice_the_held_limit()
    {
        var state = ThrottleState.Empty;
        (state, _) = state.Acquire(Page(0, T0), T0, limit: 1, Window);
        (state, _) = state.Acquire(Urgent(-1, T0), T0, limit: 1, Window);
        for (var n = 1; n <= ThrottleState.MaxHeld; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 1, Window);
        }

        var (_, low) = state.Acquire(Page(100_000, T0), T0, limit: 1, Window);
        var (_, urgent) = state.Acquire(Urgent(100_001, T0), T0, limit: 1, Window);

        Assert.True(low.Refused);
        Assert.False(urgent.Refused);
        Assert.False(urgent.Allowed);
    }

    [Fact]
    public void Allows_the_limit_within_the_window_then_holds_and_schedules_one_flush_when_the_oldest_leaves_it()
    {
        var state = ThrottleState.Empty;
        var decisions = new List<ThrottleDecision>();
        for (var n = 1; n <= 7; n++)
        {
            (state, var decision) = state.Acquire(Page(n, T0.AddMinutes(n)), T0.AddMinutes(n), limit: 5, Window);
            decisions.Add(decision);
        }

        Assert.Equal([true, true, true, true, true, false, false], decisions.Select(d => d.Allowed));
        Assert.Equal([false, false, false, false, false, true, false], decisions.Select(d => d.ScheduleFlush));
        Assert.Equal(T0.AddMinutes(1) + Window, decisions[5].FlushAt);
        Assert.Equal(T0.AddMinutes(1) + Window, decisions[6].FlushAt);
        Assert.Equal(["job6", "job7"], state.Held.Select(p => p.JobId));
    }

    [Fact]
    public void A_redelivered_page_gets_the_same_answer_and_takes_no_second_slot()
    {
        var (state, first) = ThrottleState.Empty.Acquire(Page(1, T0), T0, limit: 1, Window);
        var (again, second) = state.Acquire(Page(1, T0), T0.AddSeconds(5), limit: 1, Window);
        var (held, third) = again.Acquire(Page(2, T0), T0.AddSeconds(6), limit: 1, Window);
        var (heldAgain, fourth) = held.Acquire(Page(2, T0), T0.AddSeconds(7), limit: 1, Window);

        Assert.True(first.Allowed);
        Assert.True(second.Allowed);
        Assert.Single(again.Sent);
        Assert.False(third.Allowed);
        Assert.True(third.ScheduleFlush);
        Assert.False(fourth.Allowed);
        Assert.False(fourth.ScheduleFlush);
        Assert.Single(heldAgain.Held);
    }

    [Fact]
    public void Once_pages_are_held_new_ones_join_them_even_if_a_slot_freed_so_the_summary_keeps_their_order()
    {
        var (state, _) = ThrottleState.Empty.Acquire(Page(1, T0), T0, limit: 1, Window);
        (state, _) = state.Acquire(Page(2, T0), T0.AddMinutes(1), limit: 1, Window);
        var (after, decision) = state.Acquire(Page(3, T0), T0.AddMinutes(20), limit: 1, Window);

        Assert.False(decision.Allowed);
        Assert.Equal(["job2", "job3"], after.Held.Select(p => p.JobId));
    }

    [Fact]
    public void A_flush_takes_all_held_pages_for_one_slot_and_a_redelivered_flush_gets_the_same_pages()
    {
        var state = ThrottleState.Empty;
        for (var n = 1; n <= 4; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 2, Window);
        }

        var early = state.Flush("bundle", T0.AddMinutes(5), limit: 2, Window);
        Assert.Empty(early.Send);
        Assert.Equal(T0 + Window, early.RetryAt);

        var (flushed, send, retryAt) = early.State.Flush("bundle", T0 + Window + TimeSpan.FromSeconds(1), limit: 2, Window);
        Assert.Null(retryAt);
        Assert.Equal(["job3", "job4"], send.Select(p => p.JobId));
        Assert.Empty(flushed.Held);
        Assert.Equal(["bundle"], flushed.Sent.Select(mark => mark.JobId));

        var redelivered = flushed.Flush("bundle", T0 + Window + TimeSpan.FromSeconds(2), limit: 2, Window);
        Assert.Equal(["job3", "job4"], redelivered.Send.Select(p => p.JobId));

        var done = redelivered.State.Complete("bundle");
        Assert.Empty(done.Flush("bundle", T0 + Window + TimeSpan.FromSeconds(3), limit: 2, Window).Send);
    }

    [Fact]
    public void A_summary_that_could_not_be_sent_is_held_again_and_frees_its_slot()
    {
        var state = ThrottleState.Empty;
        for (var n = 1; n <= 2; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 1, Window);
        }
        var (flushed, _, _) = state.Flush("bundle", T0 + Window + TimeSpan.FromSeconds(1), limit: 1, Window);

        var returned = flushed.Return("bundle", T0 + Window + TimeSpan.FromMinutes(1));

        Assert.Equal(["job2"], returned.Held.Select(p => p.JobId));
        Assert.Empty(returned.Sent);
        Assert.Null(returned.InFlight);
        Assert.Equal(T0 + Window + TimeSpan.FromMinutes(1), returned.FlushAt);
    }

    [Fact]
    public void A_flush_whose_job_was_lost_does_not_hold_pages_forever()
    {
        var (state, _) = ThrottleState.Empty.Acquire(Page(1, T0), T0, limit: 1, Window);
        (state, var first) = state.Acquire(Page(2, T0), T0, limit: 1, Window);
        Assert.True(first.ScheduleFlush);

        var (_, later) = state.Acquire(Page(3, T0), T0 + Window + Window + TimeSpan.FromMinutes(1), limit: 1, Window);

        Assert.True(later.ScheduleFlush);
    }

    [Fact]
    public void Pages_beyond_the_held_cap_are_refused_rather_than_growing_the_row_without_bound()
    {
        var (state, _) = ThrottleState.Empty.Acquire(Page(0, T0), T0, limit: 1, Window);
        for (var n = 1; n <= ThrottleState.MaxHeld; n++)
        {
            (state, _) = state.Acquire(Page(n, T0), T0, limit: 1, Window);
        }

        var (after, decision) = state.Acquire(Page(ThrottleState.MaxHeld + 1, T0), T0, limit: 1, Window);

        Assert.True(decision.Refused);
        Assert.False(decision.Allowed);
        Assert.Equal(ThrottleState.MaxHeld, after.Held.Count);
    }
}
