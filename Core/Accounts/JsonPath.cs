using System.Text.RegularExpressions;

namespace Klaxon.Accounts;

/// <summary>Builds the JSON paths used in <see cref="Klaxon.Common.FieldError.Field"/>, e.g. <c>$.users[0].email</c>.</summary>
internal static partial class JsonPath
{
    public const string Root = "$";

    /// <summary>
    /// <c>parent.name</c>, or <c>parent['name']</c> when the name is not a plain identifier (user-chosen keys and
    /// unknown properties can contain anything), so the path stays unambiguous.
    /// </summary>
    public static string Property(string parent, string name) =>
        PlainName().IsMatch(name)
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex PlainName();
}
