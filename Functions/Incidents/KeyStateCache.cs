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
        if (_entries.Count >= _capacity)
        {
            // Hot keys come straight back; clearing is simpler than tracking recency and costs one read per key.
            _entries.Clear();
        }
        _entries[(account, keyRow)] = (version, state);
    }

    public void Remove(string account, string keyRow) => _entries.TryRemove((account, keyRow), out _);
}
