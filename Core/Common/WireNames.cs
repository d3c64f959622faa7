using System.Collections.Frozen;
using System.Text.Json;

namespace Klaxon.Common;

/// <summary>
/// The one mapping between enums and their wire names, in JSON, table properties, queue messages and error messages:
/// the member name in camelCase (<c>Urgency.Critical</c> is <c>critical</c>), exactly as the
/// <see cref="System.Text.Json.Serialization.JsonStringEnumConverter"/> in <see cref="KlaxonJson"/> writes it.
/// </summary>
public static class WireNames
{
    /// <summary>The wire name of a defined member; throws for a value that names no member.</summary>
    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    /// <summary>
    /// Parses a wire name. Only names parse: never a number such as <c>0</c> or a combination such as
    /// <c>create,resolve</c>, which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would accept.
    /// </summary>
    /// <param name="lenient">
    /// False (the default): the exact wire name, for documents people write, where one spelling keeps them diffable.
    /// True: surrounding white space and letter case are ignored, for what monitoring tools send.
    /// </param>
    public static bool TryParse<TEnum>(string? text, out TEnum value, bool lenient = false) where TEnum : struct, Enum
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        var lookup = lenient ? Names<TEnum>.ByNameIgnoringCase : Names<TEnum>.ByName;
        return lookup.TryGetValue(lenient ? text.Trim() : text, out value);
    }

    /// <summary>Parses an exact wire name that Klaxon itself wrote (stored rows, queue messages); anything else is corrupt data.</summary>
    /// <exception cref="InvalidDataException">The text names no member.</exception>
    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value) ? value : throw new InvalidDataException($"'{text}' is not a {typeof(TEnum).Name} ({Allowed<TEnum>()}).");

    /// <summary>The wire names in declaration order, for error messages: <c>low, medium, high or critical</c>.</summary>
    public static string Allowed<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Allowed;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(value => value, value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

        public static readonly FrozenDictionary<string, TEnum> ByNameIgnoringCase =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly string Allowed = Join([.. Enum.GetValues<TEnum>().Select(value => ByValue[value])]);

        private static string Join(string[] names) =>
            names.Length < 2 ? string.Concat(names) : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
