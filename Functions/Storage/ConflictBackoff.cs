namespace Klaxon.Storage;

/// <summary>
/// Pauses between optimistic attempts (see <see cref="OptimisticConcurrency.RetryAsync{T}"/>), given the conflicts so
/// far. Random jitter keeps writers that just collided from colliding again in step.
/// </summary>
public static class ConflictBackoff
{
    /// <summary>No pause: for rows that rarely see two writers at once.</summary>
    public static readonly Func<int, TimeSpan> None = _ => TimeSpan.Zero;

    /// <summary>
    /// Uniformly random whole milliseconds from <paramref name="min"/> up to (not including) <paramref name="step"/> ×
    /// conflicts: a short, growing spread for one hot key (the incident applier uses 5 ms and 20 ms).
    /// </summary>
    public static Func<int, TimeSpan> LinearJitter(TimeSpan min, TimeSpan step) => conflicts =>
    {
        var low = (int)min.TotalMilliseconds;
        var high = Math.Max(low + 1, (int)(step.TotalMilliseconds * conflicts));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(low, high));
    };

    /// <summary>
    /// "Full jitter": uniformly random from zero up to <paramref name="initial"/> × 2^(conflicts − 1), at most
    /// <paramref name="cap"/> (doubling stops after 10 conflicts). For rows many instances hammer at once (contact rows
    /// use 10 ms and 1 s).
    /// </summary>
    public static Func<int, TimeSpan> ExponentialJitter(TimeSpan initial, TimeSpan cap) => conflicts =>
    {
        var ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(conflicts - 1, 0, 10)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    };
}
