using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Heartbeats;

/// <summary>
/// Each heartbeat's <see cref="HeartbeatState"/>, one row per heartbeat integration next to the account's configuration
/// (<c>KlaxonAccounts</c>, partition = account, row <c>heartbeat|{integrationId}</c>; the configuration snapshot reads
/// only <c>config</c> rows). Writes are conditional on the row's ETag so two writers never both act on one deadline.
/// </summary>
public sealed class HeartbeatStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);

    public static string Row(string integrationId) => "heartbeat|" + integrationId;

    /// <summary>The state and its version, or null when the heartbeat's clock never started.</summary>
    public async Task<(HeartbeatState State, ETag Version)?> ReadAsync(string accountId, string integrationId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, Row(integrationId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        return (new HeartbeatState(
            entity.GetDateTimeOffset("ClockStartedAt")!.Value,
            entity.GetDateTimeOffset("LastCheckIn"),
            entity.GetDateTimeOffset("MissedAt")), entity.ETag);
    }

    /// <summary>
    /// Writes <paramref name="state"/> if the row is still at <paramref name="version"/> (null: only if there is no row).
    /// False when another writer got there first.
    /// </summary>
    public async Task<bool> TryWriteAsync(string accountId, string integrationId, HeartbeatState state, ETag? version, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(accountId, Row(integrationId))
        {
            ["ClockStartedAt"] = state.ClockStartedAt,
            ["LastCheckIn"] = state.LastCheckIn,
            ["MissedAt"] = state.MissedAt,
        };
        try
        {
            if (version is { } etag)
            {
                await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.IsConflict())
        {
            return false;
        }
    }

    /// <summary>A deterministic event id for an event a heartbeat sends, so a retried step is applied once.</summary>
    public static string EventId(string kind, string accountId, string integrationId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"heartbeat-{kind}:{accountId}:{integrationId}:{at.UtcTicks}");
}
