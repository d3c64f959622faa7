namespace Klaxon.Storage;

/// <summary>
/// Lets callers in this instance take turns per key (a table row, a dedup key): one at a time, in arrival order, while
/// different keys run in parallel. Optimistic concurrency stays the guarantee between instances; turns only stop
/// writers in one instance from invalidating each other's reads, which costs failed writes and, for a dedup key, can
/// let the later of two creates take the earlier incident number. A key's entry is dropped when nobody holds or waits
/// for it, so the set stays as small as the work in flight.
/// </summary>
public sealed class Turns
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="key"/>'s turn; disposing the result ends it.</summary>
    public async Task<IDisposable> TakeAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        return new Turn(this, key, entry);
    }

    /// <summary>Keys with a holder or a waiter (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(string key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(Turns owner, string key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
