using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Http;

/// <summary>Fields of the small JSON bodies management and app routes take (notes, maintenance windows).</summary>
public static class JsonFields
{
    /// <summary>
    /// An optional string member of <paramref name="root"/>: null when absent or JSON null; anything else that is not a
    /// string adds "must be a string" for <paramref name="name"/> to <paramref name="errors"/> and gives null. The
    /// caller applies its own rules (required, length) to what comes back.
    /// </summary>
    public static string? OptionalString(JsonElement root, string name, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(name, "must be a string"));
            return null;
        }
        return value.GetString();
    }
}
