using System.Collections.Concurrent;

namespace Klaxon.Notifications.Contacts;

/// <summary>
/// Serialises read-modify-write cycles on one table row within this instance. A flood of pages to one phone all update
/// that phone's rows; with optimistic concurrency alone, a queue batch of them would keep invalidating each other's
/// ETags until some gave up. In-process they take turns, so ETag conflicts only happen between instances, and those
/// back off with jitter (<see cref="BackoffAsync"/>).
/// </summary>
internal sealed class RowLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(gate);
    }

    /// <summary>Waits a random time up to 10 ms × 2^attempt (at most 1 s) before retrying after a conflict.</summary>
    public static Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(1000, 10 * Math.Pow(2, Math.Min(attempt, 10)))), cancellationToken);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
