using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Storage;
using Microsoft.Extensions.Options;

namespace Klaxon.Maintenance;

/// <summary>
/// Ad hoc maintenance windows, one row each beside the account's configuration (<c>KlaxonAccounts</c>, partition =
/// account, row <c>maintenance|{id}</c>; the configuration snapshot reads only <c>config</c> rows). Ids are version-7
/// GUIDs, so rows sort by when they were started.
/// </summary>
/// <remarks>
/// Escalation asks for an account's windows at every start and due item, so <see cref="NotEndedAsync"/> keeps what it
/// read for <see cref="KlaxonOptions.ConfigCacheSeconds"/> (the account snapshot's freshness, default 10 s). A window
/// started or ended through this instance applies at once; through another, within that time.
/// </remarks>
public sealed class AdHocMaintenanceStore(TableServiceClient tables, TimeProvider? time = null, IOptions<KlaxonOptions>? options = null)
{
    /// <summary>Most windows a listing returns: the newest 100.</summary>
    public const int MaxListed = 100;

    private const string Prefix = "maintenance|";

    /// <summary>
    /// How far before the asked instant a read reaches, so a cached read still answers for a slightly earlier instant
    /// (callers' clocks are the same, but an item may be evaluated at its due time).
    /// </summary>
    private static readonly TimeSpan Reach = TimeSpan.FromHours(1);

    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds((options?.Value ?? new KlaxonOptions()).ConfigCacheSeconds);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, DateTimeOffset From, IReadOnlyList<AdHocMaintenance> Windows)> _recent =
        new(StringComparer.Ordinal);

    public static string Row(string id) => Prefix + id;

    public async Task AddAsync(string accountId, AdHocMaintenance window, CancellationToken cancellationToken)
    {
        await _table.AddEntityAsync(Entity(accountId, window), cancellationToken).ConfigureAwait(false);
        Forget(accountId);
    }

    /// <summary>
    /// Windows that have not ended by <paramref name="now"/> (started or not yet): one range query over the account's
    /// windows, or none when this instance read them less than the cache lifetime ago.
    /// </summary>
    public async Task<IReadOnlyList<AdHocMaintenance>> NotEndedAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_recent.TryGetValue(accountId, out var recent) || _time.GetUtcNow() >= recent.Expires || now < recent.From)
        {
            var from = now - Reach;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {Prefix} and RowKey lt {Prefix + "~"} and EndAt gt {from}");
            var read = new List<AdHocMaintenance>();
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                read.Add(Read(row));
            }
            recent = (_time.GetUtcNow() + _lifetime, from, read);
            _recent[accountId] = recent;
        }
        return [.. recent.Windows.Where(window => window.EndAt > now)];
    }

    /// <summary>Drops what this instance read about the account's windows, after it changed them.</summary>
    private void Forget(string accountId) => _recent.TryRemove(accountId, out var _);

    /// <summary>The newest <see cref="MaxListed"/> windows, ended ones included, newest first.</summary>
    public async Task<IReadOnlyList<AdHocMaintenance>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {Prefix} and RowKey lt {Prefix + "~"}");
        var windows = new List<AdHocMaintenance>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            windows.Add(Read(row));
        }
        return [.. windows.OrderByDescending(w => w.StartAt).ThenByDescending(w => w.Id, StringComparer.Ordinal).Take(MaxListed)];
    }

    /// <summary>
    /// Ends the window at <paramref name="now"/> unless it has ended already (then it is returned as it is); null when
    /// there is no such window. Conditional on the row's ETag, retried on a conflict.
    /// </summary>
    public Task<AdHocMaintenance?> EndAsync(string accountId, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync($"Ending maintenance {id} of {accountId}", 5, async (_, ct) =>
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, Row(id), cancellationToken: ct).ConfigureAwait(false);
            if (!row.HasValue || row.Value is not { } entity)
            {
                return Attempt.Done<AdHocMaintenance?>(null);
            }
            var window = Read(entity);
            if (window.EndAt <= now)
            {
                return Attempt.Done<AdHocMaintenance?>(window);
            }
            var ended = window with { EndAt = now < window.StartAt ? window.StartAt : now };
            try
            {
                await _table.UpdateEntityAsync(Entity(accountId, ended), entity.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                Forget(accountId);
                return Attempt.Done<AdHocMaintenance?>(ended);
            }
            catch (RequestFailedException conflict) when (conflict.IsConflict())
            {
                return Attempt<AdHocMaintenance?>.Conflict;
            }
        }, cancellationToken);

    private static TableEntity Entity(string accountId, AdHocMaintenance window) => new(accountId, Row(window.Id))
    {
        ["Scope"] = window.Scope.ToWire(),
        ["TargetId"] = window.TargetId,
        ["StartAt"] = window.StartAt,
        ["EndAt"] = window.EndAt,
        ["Reason"] = window.Reason,
        ["StartedBy"] = window.StartedBy,
    };

    private static AdHocMaintenance Read(TableEntity entity) => new(
        entity.RowKey[Prefix.Length..],
        WireNames.Parse<MaintenanceScope>(entity.GetString("Scope") ?? "team"),
        entity.GetString("TargetId") ?? "",
        entity.GetDateTimeOffset("StartAt") ?? default,
        entity.GetDateTimeOffset("EndAt") ?? default,
        entity.GetString("Reason"),
        entity.GetString("StartedBy") ?? "");
}
