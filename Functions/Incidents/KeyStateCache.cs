using System.Collections.Concurrent;
using Klaxon.Storage;

namespace Klaxon.Incidents;

/// <summary>
/// The dedup-key states this instance wrote last, with their versions, so the next event for a key usually needs no
/// read. Safe because every write is conditional: a stale entry fails its version check, is dropped, and the event is
/// decided again on freshly read state.
/// </summary>
public sealed class KeyStateCache
{
    /// <summary>Entries kept before the cache is emptied and starts over (default 10,000: a few MB).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<(string Account, string KeyRow), (RowVersion Version, AlertKeyState State)> _entries = new();
    private readonly int _capacity;

    // Counted here: ConcurrentDictionary.Count takes every bucket's lock, and asking it at each applied event made the
    // appliers queue on those locks (the largest share of the applier's own CPU in a profile of the ingest bench).
    // Approximate under races (a key set and removed at once), which a soft limit can afford; Clear resets it.
    private int _count;

    public KeyStateCache(int capacity = DefaultCapacity) => _capacity = capacity;

    public bool TryGet(string account, string keyRow, out RowVersion version, out AlertKeyState state)
    {
        if (_entries.TryGetValue((account, keyRow), out var entry))
        {
            (version, state) = entry;
            return true;
        }
        (version, state) = (default, AlertKeyState.Empty);
        return false;
    }

    public void Set(string account, string keyRow, RowVersion version, AlertKeyState state)
    {
        if (Volatile.Read(ref _count) >= _capacity)
        {
            // Hot keys come straight back; clearing is simpler than tracking recency and costs one read per key.
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
        var key = (account, keyRow);
        if (_entries.TryAdd(key, (version, state)))
        {
            Interlocked.Increment(ref _count);
            return;
        }
        _entries[key] = (version, state);
    }

    public void Remove(string account, string keyRow)
    {
        if (_entries.TryRemove((account, keyRow), out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
