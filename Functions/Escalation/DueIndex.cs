using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Escalation;

/// <summary>
/// When each incident's escalation (or each heartbeat's deadline) next needs attention, indexed by time so a sweep
/// reads only what is due, whatever the number of open incidents or heartbeats. Rows are partitioned by minute (<c>yyyyMMddHHmm</c>, UTC) and keyed
/// <c>{dueTicks}|{account}|{number}</c>; a row is only a reminder, the escalation state decides what to do, so an
/// extra or repeated row costs a little work and never a second page.
/// </summary>
public sealed class DueIndex(TableServiceClient tables)
{
    private const string CursorPartition = "cursor";
    private const string CursorRow = "sweep";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DueTable);

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    public static string Row(DateTimeOffset dueAt, string account, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{dueAt.UtcTicks:D19}|{account}|{number:D10}");

    /// <summary>The row of an item: escalation rows end in the incident number, heartbeat rows in <c>hb|{id}</c>.</summary>
    public static string Row(DueItem item) => item.HeartbeatId is { } heartbeat
        ? string.Create(CultureInfo.InvariantCulture, $"{item.DueAt.UtcTicks:D19}|{item.AccountId}|hb|{heartbeat}")
        : Row(item.DueAt, item.AccountId, item.IncidentNumber);

    public Task AddAsync(DueItem item, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(Entity(item), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The index row for <paramref name="item"/> (also used by the benchmark to seed many at once).</summary>
    public static TableEntity Entity(DueItem item) => new(Bucket(item.DueAt), Row(item))
    {
        ["AccountId"] = item.AccountId,
        ["IncidentNumber"] = item.IncidentNumber,
        ["DueAt"] = item.DueAt,
        ["HeartbeatId"] = item.HeartbeatId,
    };

    public async Task RemoveAsync(DueItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Bucket(item.DueAt), Row(item), ETag.All, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Another sweep took it first.
        }
    }

    /// <summary>Every item due at or before <paramref name="until"/> in the minutes from <paramref name="from"/> on.</summary>
    public async Task<IReadOnlyList<DueItem>> DueAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var items = new List<DueItem>();
        var upTo = string.Create(CultureInfo.InvariantCulture, $"{until.UtcTicks:D19}|~");
        for (var minute = Truncate(from); minute <= until; minute = minute.AddMinutes(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Bucket(minute)} and RowKey le {upTo}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                items.Add(new DueItem(row.GetString("AccountId")!, row.GetInt64("IncidentNumber")!.Value, row.GetDateTimeOffset("DueAt")!.Value, row.GetString("HeartbeatId")));
            }
        }
        return items;
    }

    /// <summary>The instant up to which a previous sweep has handed everything on (null before the first sweep).</summary>
    public async Task<DateTimeOffset?> ReadCursorAsync(CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CursorPartition, CursorRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetDateTimeOffset("SweptTo") : null;
    }

    public Task WriteCursorAsync(DateTimeOffset sweptTo, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(CursorPartition, CursorRow) { ["SweptTo"] = sweptTo }, TableUpdateMode.Replace, cancellationToken);

    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, at.UtcDateTime.Minute, 0, TimeSpan.Zero);
}
