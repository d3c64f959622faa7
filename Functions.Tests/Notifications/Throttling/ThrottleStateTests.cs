using Klaxon.Notifications.Throttling;

namespace Klaxon.Tests.Notifications.Throttling;

public class ThrottleStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static PageRef Page(int n, DateTimeOffset at) => new($"job{n}", "acct", n, "alice", at);

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
