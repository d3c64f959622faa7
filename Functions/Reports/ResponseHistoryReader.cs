using Azure.Data.Tables;
using Klaxon.Incidents;
using Klaxon.Storage;

namespace Klaxon.Reports;

/// <summary>
/// Reads what the response report needs for a period, in requests that follow the incidents opened in it:
/// <list type="number">
/// <item>one range query over the opened-at index (<see cref="OpenedIndex"/>): the numbers, teams and integrations;</item>
/// <item>one range query over the incident rows between the lowest and highest of those numbers (numbers grow as
/// incidents open, so the range holds little else);</item>
/// <item>one range query per reported incident over its timeline, for its pages.</item>
/// </list>
/// With k incidents in the period that is 2 + k requests (plus one per 1,000 rows a query returns), whatever the
/// number of incidents outside it.
/// </summary>
public sealed class ResponseHistoryReader(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task<(IReadOnlyList<ReportIncident> Incidents, IReadOnlyList<ReportPage> Pages)> ReadAsync(
        string accountId, ReportPeriod period, CancellationToken cancellationToken)
    {
        var indexed = new Dictionary<long, string?>();
        var index = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {OpenedIndex.RangeStart(period.From)} and RowKey lt {OpenedIndex.RangeStart(period.To)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(index, select: ["Number", "TeamId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var team = row.GetString("TeamId");
            if (period.Team is null || team == period.Team)
            {
                indexed[row.GetInt64("Number") ?? 0] = team;
            }
        }
        if (indexed.Count == 0)
        {
            return ([], []);
        }

        var incidents = new List<ReportIncident>();
        var range = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {IncidentRows.IncidentRow(indexed.Keys.Max())} and RowKey le {IncidentRows.IncidentRow(indexed.Keys.Min())}");
        string[] columns = ["Number", "TeamId", "IntegrationId", "CreatedAt", "AcknowledgedAt", "ResolvedAt"];
        await foreach (var row in _table.QueryAsync<TableEntity>(range, select: columns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var number = row.GetInt64("Number") ?? IncidentRows.NumberFromIncidentRow(row.RowKey);
            if (indexed.ContainsKey(number))
            {
                incidents.Add(new ReportIncident(number, row.GetString("TeamId"), row.GetString("IntegrationId") ?? "",
                    row.GetDateTimeOffset("CreatedAt") ?? default, row.GetDateTimeOffset("AcknowledgedAt"), row.GetDateTimeOffset("ResolvedAt")));
            }
        }

        var pages = new List<ReportPage>();
        foreach (var incident in incidents)
        {
            var prefix = IncidentRows.TimelinePrefix(incident.Number);
            var timeline = TableClient.CreateQueryFilter(
                $"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {prefix + "~"} and Kind eq {PageLine.Kind}");
            await foreach (var row in _table.QueryAsync<TableEntity>(timeline, select: ["Kind", "Message", "At"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (PageLine.Read(incident.Number, row.GetString("Kind") ?? "", row.GetString("Message") ?? "", row.GetDateTimeOffset("At") ?? default) is { } page)
                {
                    pages.Add(page);
                }
            }
        }
        return (incidents, pages);
    }
}
