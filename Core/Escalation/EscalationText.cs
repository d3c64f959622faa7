using Klaxon.Accounts;

namespace Klaxon.Escalation;

/// <summary>Formatting shared by timeline messages.</summary>
internal static class EscalationText
{
    /// <summary>ISO 8601 as in the configuration document (<c>PT5M</c>), so people recognise their own setting.</summary>
    public static string Duration(TimeSpan span) =>
        span < TimeSpan.Zero ? span.ToString() : IsoDuration.FromTime(span).ToString();
}
