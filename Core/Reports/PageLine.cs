using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Reports;

/// <summary>
/// Reads a page off an incident's timeline: a line of kind <c>page</c>, whose message starts <c>Paged {user} by
/// {channel}</c> (as delivery writes it when a provider or the outbox took the page). Lines that do not read so are
/// not pages.
/// </summary>
public static class PageLine
{
    /// <summary>The timeline kind of a page handed to a provider or the outbox.</summary>
    public const string Kind = "page";

    public static ReportPage? Read(long incidentNumber, string kind, string message, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (kind != Kind || !message.StartsWith("Paged ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = message.Split(' ', 5);
        if (parts.Length < 4 || parts[2] != "by")
        {
            return null;
        }
        var channel = parts[3].TrimEnd('.', ',');
        return WireNames.TryParse<NotificationChannel>(channel, out var parsed) ? new ReportPage(incidentNumber, parts[1], parsed, at) : null;
    }
}
