namespace Klaxon.Accounts;

/// <summary>
/// Finds repeated ids within one collection. Ids are compared ignoring case so that "Alice" and "alice"
/// collide: two entries that differ only in case are a mistake waiting to page the wrong person.
/// </summary>
internal sealed class DuplicateIds
{
    private readonly Dictionary<string, (string Id, string Path)> _first = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records <paramref name="id"/> at <paramref name="path"/>; returns an error if it was seen before.</summary>
    public string? Check(string id, string path)
    {
        if (!_first.TryGetValue(id, out var first))
        {
            _first[id] = (id, path);
            return null;
        }
        return first.Id == id
            ? $"duplicate id '{id}' (also at {first.Path})"
            : $"duplicate id '{id}' (also at {first.Path} as '{first.Id}'; ids must differ by more than case)";
    }
}
