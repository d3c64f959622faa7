using System.Globalization;

namespace Klaxon.Bench;

/// <summary>Values of the benchmarks' command-line options.</summary>
internal static class OptionValues
{
    /// <summary>A whole number of at least <paramref name="minimum"/>, digits only (no sign, no separators).</summary>
    public static bool Whole(string? text, int minimum, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum;
}
