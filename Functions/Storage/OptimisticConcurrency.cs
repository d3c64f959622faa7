namespace Klaxon.Storage;

/// <summary>
/// Read-decide-write against rows guarded by their version (ETag). Each attempt reads, decides and writes only if
/// what it read is unchanged; when another writer got there first (the store reports <see cref="Attempt{T}.Conflict"/>
/// for its 409/412), the attempt is made again on what that writer left, after the caller's pause, up to the caller's
/// limit. Any other failure is not a conflict and propagates at once, untried again: the queue or the caller decides.
/// </summary>
public static class OptimisticConcurrency
{
    /// <param name="what">Names what is being updated, for the give-up message (<c>Event 0190…</c>, <c>Escalation of #42 in acme</c>).</param>
    /// <param name="maxAttempts">
    /// Attempts in all, the first included; at least 1. No default: each caller states its own, next to what happens
    /// when they run out. Today: <c>IncidentApplier.MaxAttempts</c> 20, then the event message fails and the queue
    /// retries it; <c>EscalationRunner.MaxAttempts</c> 10, then the escalation work is retried by the queue;
    /// <c>ContactLog</c> 21 and <c>ContactThrottle</c> 31 (20 and 30 conflicts retried), then the page job fails and is
    /// retried; the Twilio status callback 3 and the SendGrid event webhook 1 (<c>DeliveryLog.RecordStatusAsync</c>'s
    /// default), then the callback answers 500 and is left to the provider's retry.
    /// </param>
    /// <param name="attempt">
    /// One read-decide-write, given the attempt number (1 for the first, so a caller may trust a cache only then).
    /// Returns <see cref="Attempt.Done{T}"/> or <see cref="Attempt{T}.Conflict"/>; nothing may have been written on a conflict.
    /// </param>
    /// <param name="backoff">
    /// The pause before the next attempt, given the conflicts so far (1 after the first). Default
    /// <see cref="ConflictBackoff.None"/>: try again at once, the re-read being the only delay. No pause follows the
    /// last conflict.
    /// </param>
    /// <param name="time">The clock the pauses run on. Default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ConcurrencyConflictException">All <paramref name="maxAttempts"/> attempts conflicted.</exception>
    public static async Task<T> RetryAsync<T>(
        string what,
        int maxAttempts,
        Func<int, CancellationToken, Task<Attempt<T>>> attempt,
        CancellationToken cancellationToken,
        Func<int, TimeSpan>? backoff = null,
        TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var number = 1; ; number++)
        {
            var outcome = await attempt(number, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsConflict)
            {
                return outcome.Result;
            }
            if (number >= maxAttempts)
            {
                throw new ConcurrencyConflictException(what, maxAttempts);
            }
            var pause = (backoff ?? ConflictBackoff.None)(number);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>What one optimistic attempt came to: done with a result, or beaten by another writer (nothing written).</summary>
public readonly record struct Attempt<T>
{
    public bool IsConflict { get; private init; }

    /// <summary>The attempt's result; the default of <typeparamref name="T"/> for a conflict.</summary>
    public T Result { get; private init; }

    /// <summary>Another writer changed what this attempt read; read again and decide again.</summary>
    public static Attempt<T> Conflict => new() { IsConflict = true, Result = default! };

    internal static Attempt<T> Of(T result) => new() { Result = result };
}

/// <summary>Builds a finished <see cref="Attempt{T}"/> without naming its type.</summary>
public static class Attempt
{
    public static Attempt<T> Done<T>(T result) => Attempt<T>.Of(result);
}

/// <summary>How a single conditional write ended, for stores whose write has no other result.</summary>
public enum WriteOutcome
{
    Written,

    /// <summary>Another writer changed the row (or inserted it) first; nothing was written.</summary>
    ConcurrencyConflict,
}

/// <summary>
/// Optimistic concurrency gave up: every attempt lost to another writer, or a single conditional write (such as an
/// account configuration save) did. Nothing of the last attempt was written. An <see cref="InvalidOperationException"/>,
/// so queue-triggered callers fail and their message is retried later.
/// </summary>
public sealed class ConcurrencyConflictException : InvalidOperationException
{
    public ConcurrencyConflictException(string what, int attempts)
        : base($"{what}: gave up after {attempts} concurrent-update conflict(s); another writer kept changing it.") => Attempts = attempts;

    public ConcurrencyConflictException()
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How many attempts conflicted.</summary>
    public int Attempts { get; }
}
