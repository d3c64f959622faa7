using Azure.Data.Tables;
using Klaxon.Incidents;
using Klaxon.Notifications.Channels;
using Klaxon.Storage;

namespace Klaxon.Notifications.Delivery;

/// <summary>Reads what a page needs to say about an incident, and whether it is still open.</summary>
public sealed class IncidentGist(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    /// <summary>The incident's status (wire form) and content, or null when it does not exist.</summary>
    public async Task<(string Status, PagedIncident Incident)?> ReadAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        var content = IncidentRows.ReadContent(entity);
        return (entity.GetString("Status") ?? "open", new PagedIncident(accountId, number, content.Title, content.Urgency));
    }
}
