using System.Text.Json;

namespace Klaxon.Common;

/// <summary>Checks on JSON text that <see cref="JsonDocument"/> lets through.</summary>
public static class JsonText
{
    /// <summary>What a body with an unpaired surrogate escape is told.</summary>
    public const string UnpairedSurrogateRule = "a string contains an unpaired UTF-16 surrogate escape (such as \\ud800 alone)";

    /// <summary>
    /// True when a string or property name holds an escape like <c>\ud800</c> with no partner. JSON allows the escape,
    /// but the text is not Unicode: reading it throws, and it cannot be stored or shown. Call it on JSON that parsed.
    /// </summary>
    public static bool HasUnpairedSurrogate(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
