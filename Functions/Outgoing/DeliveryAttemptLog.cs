using System.Globalization;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// The delivery log: one row per attempt, partitioned by receiver (<c>{account}|{kind}|{id}</c>), newest first (row key
/// <c>{inverted ticks}|{event id}|{attempt}</c>). Bounded: when a delivery ends, rows past the newest
/// <see cref="OutgoingOptions.DeliveryLogSize"/> are deleted.
/// </summary>
public sealed class DeliveryAttemptLog(TableServiceClient tables, IOptions<OutgoingOptions> options)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.OutgoingTable);

    public static string Partition(string accountId, OutgoingTargetKind target, string targetId) => $"{accountId}|{target.ToWire()}|{targetId}";

    public async Task RecordAsync(OutgoingDelivery delivery, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var row = $"{(DateTimeOffset.MaxValue.UtcTicks - attempt.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}|{delivery.EventId}|{delivery.Attempt.ToString("D2", CultureInfo.InvariantCulture)}";
        var entity = new TableEntity(Partition(delivery.AccountId, delivery.Target, delivery.TargetId), row)
        {
            ["At"] = attempt.At,
            ["EventId"] = delivery.EventId,
            ["EventType"] = WebhookPayload.TypeOf(delivery.EventKind),
            ["Incident"] = delivery.IncidentNumber,
            ["Attempt"] = delivery.Attempt,
            ["Outcome"] = attempt.Outcome.ToWire(),
            ["Status"] = attempt.Status,
            ["Detail"] = attempt.Detail is { Length: > 256 } detail ? detail[..256] : attempt.Detail,
            ["NextAttemptAt"] = attempt.NextAttemptAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest attempts first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<DeliveryAttempt>> ListAsync(string accountId, OutgoingTargetKind target, string targetId, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(accountId, target, targetId)}");
        var attempts = new List<DeliveryAttempt>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new DeliveryAttempt(
                row.GetDateTimeOffset("At") ?? default,
                WireNames.Parse<DeliveryOutcome>(row.GetString("Outcome") ?? ""),
                row.GetInt32("Status"),
                row.GetString("Detail"),
                row.GetDateTimeOffset("NextAttemptAt"))
            {
                EventId = row.GetString("EventId"),
                EventType = row.GetString("EventType"),
                Incident = row.GetInt64("Incident"),
                Attempt = row.GetInt32("Attempt"),
            });
            if (attempts.Count >= limit)
            {
                break;
            }
        }
        return attempts;
    }

    /// <summary>Deletes the rows past the newest <see cref="OutgoingOptions.DeliveryLogSize"/> of the receiver's log.</summary>
    public async Task TrimAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var keep = options.Value.DeliveryLogSize;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(delivery.AccountId, delivery.Target, delivery.TargetId)}");
        var seen = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (++seen > keep)
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>How an attempt ended, as the delivery log shows it.</summary>
public enum DeliveryOutcome
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>Failed; another attempt is scheduled at <c>nextAttemptAt</c>.</summary>
    Retrying,

    /// <summary>Failed for good: a permanent failure, or the last attempt.</summary>
    GaveUp,

    /// <summary>Not attempted: the receiver was removed or disabled since the event.</summary>
    Skipped,
}

/// <summary>One attempt in a receiver's delivery log.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, DeliveryOutcome Outcome, int? Status, string? Detail, DateTimeOffset? NextAttemptAt)
{
    public string? EventId { get; init; }

    public string? EventType { get; init; }

    public long? Incident { get; init; }

    public int? Attempt { get; init; }
}
