namespace Klaxon.Common;

/// <summary>How loudly an incident pages. Wire form is the lower-case name.</summary>
public enum Urgency
{
    Low,
    Medium,
    High,
    Critical,
}

public static class UrgencyNames
{
    /// <summary>The accepted wire values, in order, for error messages.</summary>
    public const string Allowed = "low, medium, high or critical";

    /// <summary>Parses a wire value (trimmed, case-insensitive). Numbers are not accepted.</summary>
    public static bool TryParse(string? value, out Urgency urgency)
    {
        urgency = default;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || char.IsDigit(text[0]) || text[0] is '-' or '+')
        {
            return false;
        }
        return Enum.TryParse(text, ignoreCase: true, out urgency) && Enum.IsDefined(urgency);
    }

    public static string ToWire(this Urgency urgency) => urgency switch
    {
        Urgency.Low => "low",
        Urgency.Medium => "medium",
        Urgency.High => "high",
        Urgency.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency)),
    };
}
