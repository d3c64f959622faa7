namespace Klaxon.Outgoing;

/// <summary>What one attempt at a delivery came to.</summary>
public enum AttemptResult
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Worth trying again: 5xx, 408, 429, a timeout or a network failure.</summary>
    Transient,

    /// <summary>Will not change by retrying: another 4xx, a redirect (never followed), a refused address or URL.</summary>
    Permanent,
}

/// <summary>
/// When to try a delivery again: exponential backoff from a base delay (doubling per attempt, capped), or the
/// receiver's <c>Retry-After</c> when it asked for longer (itself capped), until the attempts are spent.
/// </summary>
public static class DeliveryRetry
{
    /// <summary>What an HTTP status means for the delivery.</summary>
    public static AttemptResult Classify(int status) => status switch
    {
        >= 200 and < 300 => AttemptResult.Delivered,
        408 or 429 or >= 500 => AttemptResult.Transient,
        _ => AttemptResult.Permanent,
    };

    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> + 1, or null when <paramref name="attempt"/> was the last.
    /// </summary>
    /// <param name="attempt">The attempt that just failed (1 for the first).</param>
    /// <param name="retryAfter">What the receiver asked for, if anything.</param>
    /// <param name="jitter">0 to 1: spreads retries of many deliveries (0.5 gives the exact backoff).</param>
    public static TimeSpan? NextDelay(int attempt, int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, double jitter)
    {
        if (attempt >= maxAttempts)
        {
            return null;
        }
        var exponent = Math.Min(attempt - 1, 30);
        var backoff = TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent) * (0.75 + (jitter / 2))));
        return retryAfter is { } asked && asked > backoff ? (asked < maxDelay * 4 ? asked : maxDelay * 4) : backoff;
    }
}
