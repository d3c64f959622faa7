using Klaxon.Storage;

namespace Klaxon.Tests.Storage;

public class TurnsTests
{
    [Fact]
    public async Task One_key_is_held_by_one_caller_at_a_time_and_other_keys_are_not_held_up()
    {
        var turns = new Turns();
        var first = await turns.TakeAsync("a/1", CancellationToken.None);

        var second = turns.TakeAsync("a/1", CancellationToken.None);
        using var other = await turns.TakeAsync("a/2", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_key_nobody_holds_or_awaits_is_forgotten()
    {
        var turns = new Turns();
        using (await turns.TakeAsync("a", CancellationToken.None))
        {
            var waiting = turns.TakeAsync("a", CancellationToken.None);
            Assert.Equal(1, turns.Count);
            _ = waiting.ContinueWith(turn => turn.Result.Dispose(), TaskScheduler.Default);
        }
        await WaitUntil(() => turns.Count == 0);

        using var cancelled = new CancellationTokenSource();
        using (await turns.TakeAsync("b", CancellationToken.None))
        {
            var waiting = turns.TakeAsync("b", cancelled.Token);
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }
        Assert.Equal(0, turns.Count);
    }

    [Fact]
    public async Task Ending_a_turn_twice_does_not_let_two_callers_in()
    {
        var turns = new Turns();
        var first = await turns.TakeAsync("k", CancellationToken.None);
        var second = turns.TakeAsync("k", CancellationToken.None);
        var third = turns.TakeAsync("k", CancellationToken.None);

        first.Dispose();
        first.Dispose();

        await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(third.IsCompleted);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}
