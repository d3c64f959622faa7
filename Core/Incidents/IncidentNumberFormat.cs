using System.Globalization;

namespace Klaxon.Incidents;

/// <summary>The per-account incident number people see (<c>#42</c>) as text: in URLs, SMS replies and keypad input.</summary>
public static class IncidentNumberFormat
{
    /// <summary>The largest number an account can reach (ten digits, so row keys sort by number).</summary>
    public const long Max = 9_999_999_999;

    /// <summary>Parses an incident number: digits only, 1 to <see cref="Max"/>.</summary>
    public static bool TryParse(string text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number is >= 1 and <= Max;
}
