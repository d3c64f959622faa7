using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>
/// One JSON object of an account document, read by exact property name with type checks that record a
/// <see cref="FieldError"/> at the property's path instead of throwing. A JSON <c>null</c> counts as absent,
/// so optional properties can be cleared explicitly.
/// </summary>
internal sealed class ConfigObject
{
    private readonly JsonElement _element;
    private readonly List<FieldError> _errors;

    private ConfigObject(JsonElement element, string path, List<FieldError> errors)
    {
        _element = element;
        _errors = errors;
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Wraps <paramref name="element"/> if it is an object, and reports every property that is not in
    /// <paramref name="allowed"/> or appears twice: in configuration as code a typo must not be silently ignored.
    /// Returns null (after recording "must be an object") for anything else.
    /// </summary>
    /// <param name="noun">What a key is, for the "unknown ..." message; "property" unless keys are data.</param>
    public static ConfigObject? Open(
        JsonElement element, string path, List<FieldError> errors, IReadOnlyList<string> allowed, string noun = "property")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "must be an object"));
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                errors.Add(new FieldError(propertyPath, $"duplicate {noun}"));
            }
            else if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var nearMiss = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase));
                errors.Add(new FieldError(propertyPath, nearMiss is not null
                    ? $"unknown {noun} (did you mean '{nearMiss}'? names are case-sensitive)"
                    : $"unknown {noun} (allowed: {string.Join(", ", allowed)})"));
            }
        }
        return new ConfigObject(element, path, errors);
    }

    public string PathOf(string name) => JsonPath.Property(Path, name);

    public void Error(string name, string message) => _errors.Add(new FieldError(PathOf(name), message));

    /// <summary>True when the property is present and not null.</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>The string value; null when absent (recording "is required" if <paramref name="required"/>) or not a string.</summary>
    public string? String(string name, bool required = false) =>
        Read(name, required, JsonValueKind.String, "must be a string") is { } value ? value.GetString() : null;

    /// <summary>The boolean value, or null when absent or not a boolean.</summary>
    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Error(name, "must be a boolean (true or false)");
        return null;
    }

    /// <summary>The value if it is a whole number from <paramref name="min"/> to <paramref name="max"/>; otherwise null with an error.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        Error(name, $"must be an integer from {min} to {max}");
        return null;
    }

    /// <summary>The items with their paths; null when absent (recording "is required" if <paramref name="required"/>) or not an array.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)>? Array(string name, bool required = false)
    {
        if (Read(name, required, JsonValueKind.Array, "must be an array") is not { } array)
        {
            return null;
        }
        var path = PathOf(name);
        return array.EnumerateArray().Select((item, index) => (item, JsonPath.Index(path, index))).ToList();
    }

    /// <summary>The nested object; null when absent (recording "is required" if <paramref name="required"/>) or not an object.</summary>
    public ConfigObject? Object(string name, bool required, IReadOnlyList<string> allowed, string noun = "property")
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(name, "is required");
            }
            return null;
        }
        return Open(value, PathOf(name), _errors, allowed, noun);
    }

    /// <summary>The object's own properties in document order, for objects keyed by data (notification rules).</summary>
    public IEnumerable<JsonProperty> Properties() => _element.EnumerateObject();

    private JsonElement? Read(string name, bool required, JsonValueKind kind, string typeError)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Error(name, "is required");
            }
            return null;
        }
        if (value.ValueKind != kind)
        {
            Error(name, typeError);
            return null;
        }
        return value;
    }

    private bool TryGet(string name, out JsonElement value) =>
        _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
