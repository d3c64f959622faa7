using Azure.Data.Tables;

namespace Klaxon.Storage;

/// <summary>
/// Table Storage caps a string property at 64 KiB (32K UTF-16 chars). Long values (descriptions, details, timelines,
/// configuration documents) are split across <c>Name</c>, <c>Name_1</c>, <c>Name_2</c>... and joined back on read.
/// </summary>
public static class ChunkedProperty
{
    /// <summary>Characters per chunk: 30,000 UTF-16 chars stay under the 64 KiB property limit with room to spare.</summary>
    public const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        var index = 0;
        for (var offset = 0; offset == 0 || offset < value.Length; offset += ChunkChars, index++)
        {
            var length = Math.Min(ChunkChars, value.Length - offset);
            entity[index == 0 ? name : $"{name}_{index}"] = value.Substring(offset, length);
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }
        if (!entity.ContainsKey($"{name}_1"))
        {
            return first;
        }
        var builder = new System.Text.StringBuilder(first);
        for (var index = 1; entity.GetString($"{name}_{index}") is { } next; index++)
        {
            builder.Append(next);
        }
        return builder.ToString();
    }
}
