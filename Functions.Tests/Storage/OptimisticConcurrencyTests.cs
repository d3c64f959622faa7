using Klaxon.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Storage;

/// <summary>The one optimistic-concurrency loop every conditional writer uses: retry conflicts, give up clearly, retry nothing else.</summary>
public class OptimisticConcurrencyTests
{
    [Fact]
    public async Task Conflicts_then_success_returns_the_result_of_the_attempt_that_succeeded()
    {
        var seen = new List<int>();

        var result = await OptimisticConcurrency.RetryAsync("row", maxAttempts: 5, (attempt, _) =>
        {
            seen.Add(attempt);
            return Task.FromResult(attempt < 3 ? Attempt<string>.Conflict : Attempt.Done($"written on {attempt}"));
        }, CancellationToken.None);

        Assert.Equal("written on 3", result);
        Assert.Equal([1, 2, 3], seen);
    }

    [Fact]
    public async Task Conflicts_past_the_limit_give_up_after_exactly_the_limit()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => OptimisticConcurrency.RetryAsync("Escalation of #7", maxAttempts: 4, (_, _) =>
        {
            attempts++;
            return Task.FromResult(Attempt<int>.Conflict);
        }, CancellationToken.None));

        Assert.Equal(4, attempts);
        Assert.Equal(4, failure.Attempts);
        Assert.StartsWith("Escalation of #7: gave up after 4 ", failure.Message, StringComparison.Ordinal);
        // Queue-triggered callers and tests that act as the queue treat it as an ordinary failure.
        Assert.IsAssignableFrom<InvalidOperationException>(failure);
    }

    [Fact]
    public async Task A_limit_of_one_tries_once_and_gives_up_on_its_conflict()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => OptimisticConcurrency.RetryAsync("Account acme", maxAttempts: 1, (_, _) =>
        {
            attempts++;
            return Task.FromResult(Attempt<bool>.Conflict);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_failure_that_is_not_a_conflict_is_not_retried()
    {
        var attempts = 0;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => OptimisticConcurrency.RetryAsync("row", maxAttempts: 10, (_, _) =>
        {
            attempts++;
            return attempts == 1 ? Task.FromResult(Attempt<int>.Conflict) : throw new TimeoutException("storage did not answer");
        }, CancellationToken.None));

        Assert.Equal(2, attempts);
        Assert.Equal("storage did not answer", failure.Message);
    }

    [Fact]
    public async Task Pauses_between_conflicts_run_on_the_given_clock_and_none_follows_the_last_conflict()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var asked = new List<int>();
        var attempts = 0;

        var retry = OptimisticConcurrency.RetryAsync("row", maxAttempts: 3, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromResult(Attempt<int>.Conflict);
        }, CancellationToken.None, backoff: conflicts =>
        {
            lock (asked)
            {
                asked.Add(conflicts);
            }
            return TimeSpan.FromMilliseconds(1);
        }, time: clock);

        // A millisecond of wall-clock time passes many times over; the pause waits for the given clock.
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref attempts));
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); !retry.IsCompleted && DateTime.UtcNow < deadline; await Task.Delay(10))
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => retry);
        Assert.Equal(3, attempts);
        Assert.Equal([1, 2], asked);
    }

    [Fact]
    public async Task Cancellation_during_a_pause_stops_retrying()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        var retry = OptimisticConcurrency.RetryAsync("row", maxAttempts: 5, (_, _) =>
        {
            attempts++;
            return Task.FromResult(Attempt<int>.Conflict);
        }, cancel.Token, backoff: _ => TimeSpan.FromMinutes(1));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry);
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(1, 5, 20)]
    [InlineData(3, 5, 60)]
    public void Linear_jitter_stays_between_its_minimum_and_step_times_conflicts(int conflicts, int lowMs, int highMs)
    {
        var backoff = ConflictBackoff.LinearJitter(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));

        var pauses = Enumerable.Range(0, 500).Select(_ => backoff(conflicts).TotalMilliseconds).ToList();

        Assert.All(pauses, pause => Assert.InRange(pause, lowMs, highMs - 1));
        Assert.True(pauses.Distinct().Count() > 1, "jittered");
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(4, 80)]
    [InlineData(8, 1000)]
    [InlineData(40, 1000)]
    public void Exponential_jitter_doubles_up_to_its_cap(int conflicts, int ceilingMs)
    {
        var backoff = ConflictBackoff.ExponentialJitter(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

        var pauses = Enumerable.Range(0, 500).Select(_ => backoff(conflicts).TotalMilliseconds).ToList();

        Assert.All(pauses, pause => Assert.InRange(pause, 0, ceilingMs));
        Assert.True(pauses.Max() > ceilingMs / 2.0, "spread over the whole range");
    }
}
