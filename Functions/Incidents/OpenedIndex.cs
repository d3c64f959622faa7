using System.Globalization;
using Azure.Data.Tables;

namespace Klaxon.Incidents;

/// <summary>
/// An index of incidents by when they opened, written in the same batch as each new incident:
/// <c>opened|{ticks}|{number}</c> in the account's partition, with the incident's team and integration. A report over a
/// period reads one key range of it, so its cost follows the incidents opened in the period, not every incident ever.
/// Incidents opened before the index existed have no row and are not found by it.
/// </summary>
public static class OpenedIndex
{
    public const string Prefix = "opened|";

    public static string Row(DateTimeOffset openedAt, long number) =>
        $"{Prefix}{openedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{number.ToString("D10", CultureInfo.InvariantCulture)}";

    /// <summary>The first row key at or after <paramref name="at"/>: rows in <c>[RangeStart(from), RangeStart(to))</c> opened in <c>[from, to)</c>.</summary>
    public static string RangeStart(DateTimeOffset at) => $"{Prefix}{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|";

    public static TableEntity Entity(string accountId, IncidentSummary summary, IncidentContent content) =>
        new(accountId, Row(summary.OpenedAt.ReceivedAt, summary.Number))
        {
            ["Number"] = summary.Number,
            ["TeamId"] = content.TeamId,
            ["IntegrationId"] = content.IntegrationId,
        };
}
