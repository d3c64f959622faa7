namespace Klaxon.Accounts;

/// <summary>
/// The ids declared in one collection of the document (users, schedules or teams), collected before
/// anything else is checked so references can point forwards. References are case-sensitive.
/// </summary>
internal sealed class KnownIds
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <param name="collectionPath">Where the ids are declared, e.g. <c>$.users</c>, for messages.</param>
    /// <param name="checkable">
    /// False when the collection itself is malformed (not an array): its error is already reported, and
    /// flagging every reference to it as unknown would only bury that one real problem.
    /// </param>
    public KnownIds(string collectionPath, bool checkable)
    {
        CollectionPath = collectionPath;
        Checkable = checkable;
    }

    public string CollectionPath { get; }

    public bool Checkable { get; }

    public void Add(string id) => _ids.Add(id);

    /// <summary>
    /// Null if <paramref name="id"/> is declared (or the collection cannot be checked); otherwise a message
    /// such as "unknown user 'bob' (not in $.users)", with a hint when only the case differs.
    /// </summary>
    public string? CheckReference(string kind, string id)
    {
        if (!Checkable || _ids.Contains(id))
        {
            return null;
        }
        var nearMiss = _ids.FirstOrDefault(known => string.Equals(known, id, StringComparison.OrdinalIgnoreCase));
        return nearMiss is null
            ? $"unknown {kind} '{id}' (not in {CollectionPath})"
            : $"unknown {kind} '{id}' (not in {CollectionPath}; ids are case-sensitive, did you mean '{nearMiss}'?)";
    }
}
