namespace Klaxon.Accounts;

/// <summary>
/// Element-by-element equality for the collections inside the config records. Records compare their
/// properties with the default comparer, which for lists and dictionaries means reference equality; the
/// records override Equals with these helpers so that two parses of the same document compare equal.
/// </summary>
internal static class Structural
{
    public static bool ListEquals<T>(IReadOnlyList<T> left, IReadOnlyList<T> right) =>
        ReferenceEquals(left, right) || left.SequenceEqual(right);

    public static bool DictionaryEquals<TKey, TValue>(
        IReadOnlyDictionary<TKey, IReadOnlyList<TValue>> left,
        IReadOnlyDictionary<TKey, IReadOnlyList<TValue>> right)
        where TKey : notnull
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }
        if (left.Count != right.Count)
        {
            return false;
        }
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !ListEquals(value, other))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A hash that agrees with <see cref="ListEquals{T}"/>.</summary>
    public static int ListHash<T>(IReadOnlyList<T> list)
    {
        var hash = new HashCode();
        foreach (var item in list)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }
}
