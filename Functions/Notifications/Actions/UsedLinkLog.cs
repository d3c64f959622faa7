using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Notifications.Actions;

/// <summary>
/// Resolve links already used, by the hash of their token (row <c>link|{sha256}</c> in the account's partition of the
/// incidents table). A resolve link that worked for 24 hours, as often as anyone posted it, could resolve the incident
/// again after it was reopened; now it acts once.
/// </summary>
public sealed class UsedLinkLog(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task<bool> WasUsedAsync(string accountId, string token, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, Row(token), select: ["At"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }

    /// <summary>Notes the link as used once its action is queued, so a failure before that leaves it usable.</summary>
    public async Task MarkUsedAsync(string accountId, string token, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(accountId, Row(token)) { ["At"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Two posts of one link raced; both queued the same resolve, which applies once.
        }
    }

    private static string Row(string token) => "link|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
