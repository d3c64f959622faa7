using System.Text;
using Azure.Data.Tables;

namespace Klaxon.Storage;

/// <summary>
/// Values too large for one table property (descriptions, details, key and escalation states, configuration documents,
/// claim-checked event bodies), in one scheme: the value's bytes (text as UTF-8) split into binary chunks of
/// <see cref="ChunkBytes"/>, named <c>Name</c>, <c>Name_1</c>, <c>Name_2</c>... (or <c>Name_0</c>, <c>Name_1</c>...
/// with <see cref="ChunkNames.NumberedFromZero"/>), and joined back on read.
/// <para>
/// Why bytes: Table storage caps a binary property at 64 KiB, a string property at 32 Ki UTF-16 characters, and a whole
/// entity at 1 MiB, counting strings as UTF-16. UTF-8 takes half the room of UTF-16 for ASCII (every JSON document
/// here, most text), so rows hold twice as much before the entity limit; and a split between bytes is lossless, where
/// a split between UTF-16 characters can cut a surrogate pair (an emoji) in half.
/// </para>
/// <para>
/// Rows written before this scheme hold text as string chunks of up to 30,000 characters under the same names;
/// <see cref="Read"/> accepts them too, and they become binary when next written. Chunked properties must be written
/// with whole-row writes (insert or replace), never merged, or a shorter value would leave older chunks behind.
/// </para>
/// </summary>
public static class ChunkedProperty
{
    /// <summary>Bytes per chunk: 60,000 stays under the 64 KiB binary property limit with room to spare.</summary>
    public const int ChunkBytes = 60_000;

    /// <summary>Writes <paramref name="value"/> as UTF-8 chunks; nothing when it is null (an empty string is one empty chunk).</summary>
    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            WriteUtf8(entity, name, Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>
    /// Writes text already encoded as UTF-8, e.g. by <c>JsonSerializer.SerializeToUtf8Bytes</c>, as <see cref="Write"/>
    /// would write it. A value that fits one chunk is stored as the array itself, not a copy: the caller hands it over.
    /// </summary>
    public static void WriteUtf8(TableEntity entity, string name, byte[] utf8)
    {
        if (utf8.Length > ChunkBytes)
        {
            WriteBytes(entity, name, utf8);
            return;
        }
        entity[name] = utf8;
    }

    /// <summary>The text written by <see cref="Write"/> (or by the earlier string-chunk scheme); null when there is none.</summary>
    public static string? Read(TableEntity entity, string name)
    {
        if (!entity.TryGetValue(name, out var first) || first is null)
        {
            return null;
        }
        return first is string text
            ? ReadStringChunks(entity, name, text)
            : ReadBytes(entity, name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <summary>Writes <paramref name="value"/> as binary chunks (at least one, empty for an empty value).</summary>
    public static void WriteBytes(TableEntity entity, string name, ReadOnlySpan<byte> value, ChunkNames names = ChunkNames.Plain)
    {
        var index = 0;
        for (var offset = 0; offset == 0 || offset < value.Length; offset += ChunkBytes, index++)
        {
            entity[ChunkName(name, index, names)] = value.Slice(offset, Math.Min(ChunkBytes, value.Length - offset)).ToArray();
        }
    }

    /// <summary>The bytes written by <see cref="WriteBytes"/>; null when there are none.</summary>
    public static byte[]? ReadBytes(TableEntity entity, string name, ChunkNames names = ChunkNames.Plain)
    {
        if (Binary(entity, ChunkName(name, 0, names)) is not { } first)
        {
            return null;
        }
        if (Binary(entity, ChunkName(name, 1, names)) is null)
        {
            return first;
        }
        using var buffer = new MemoryStream();
        buffer.Write(first);
        for (var index = 1; Binary(entity, ChunkName(name, index, names)) is { } next; index++)
        {
            buffer.Write(next);
        }
        return buffer.ToArray();
    }

    private static string ChunkName(string name, int index, ChunkNames names) =>
        index == 0 && names == ChunkNames.Plain ? name : $"{name}_{index}";

    private static byte[]? Binary(TableEntity entity, string key) =>
        entity.TryGetValue(key, out var value) ? value switch
        {
            byte[] bytes => bytes,
            BinaryData data => data.ToArray(),
            _ => null,
        } : null;

    /// <summary>The earlier scheme: <c>Name</c>, <c>Name_1</c>... as strings of up to 30,000 characters.</summary>
    private static string ReadStringChunks(TableEntity entity, string name, string first)
    {
        if (!entity.ContainsKey($"{name}_1"))
        {
            return first;
        }
        var builder = new StringBuilder(first);
        for (var index = 1; entity.GetString($"{name}_{index}") is { } next; index++)
        {
            builder.Append(next);
        }
        return builder.ToString();
    }
}

/// <summary>How <see cref="ChunkedProperty"/> names the chunks of one value.</summary>
public enum ChunkNames
{
    /// <summary><c>Name</c>, <c>Name_1</c>, <c>Name_2</c>...: a value that fits one chunk is one property under its own name (the default).</summary>
    Plain,

    /// <summary><c>Name_0</c>, <c>Name_1</c>...: the layout of claim-checked event bodies (<c>Body_0</c>...).</summary>
    NumberedFromZero,
}
