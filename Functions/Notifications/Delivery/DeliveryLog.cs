using Azure.Data.Tables;
using Azure;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Storage;

namespace Klaxon.Notifications.Delivery;

/// <summary>Where one page job stands.</summary>
public enum DeliveryState
{
    /// <summary>The provider took the message and will report on it.</summary>
    Queued,

    /// <summary>Sent on (the outbox and push count as sent at once).</summary>
    Sent,

    /// <summary>The provider reported it delivered (or the call answered).</summary>
    Delivered,

    /// <summary>The provider refused it, or reported it undelivered, or the tries ran out.</summary>
    Failed,

    /// <summary>Held back by throttling: it goes out in a summary.</summary>
    Held,

    /// <summary>Not sent: there was nothing to page for any more.</summary>
    Skipped,

    /// <summary>Failed transiently and went back on the queue.</summary>
    Retrying,
}

/// <summary>The delivery record of one page job.</summary>
/// <param name="ProviderId">Twilio SID, SendGrid message id, push result, or <c>outbox</c>.</param>
public sealed record DeliveryRecord(string AccountId, long IncidentNumber, string JobId, NotificationChannel Channel, string UserId, DeliveryState State, string? ProviderId);

/// <summary>A provider's report about one message (Twilio status callback, SendGrid event).</summary>
/// <param name="Provider">For the timeline: <c>twilio</c>, <c>sendgrid</c>.</param>
/// <param name="Detail">Optional, e.g. the provider's error code; never a credential.</param>
public sealed record DeliveryStatusUpdate(string AccountId, long IncidentNumber, string JobId, DeliveryState State, string Provider, string? Detail);

/// <summary>
/// The delivery record of each sent page (<c>ntf|{jobId}</c> in the incident's partition) and the timeline lines its
/// status reports add. A report that does not move the state forward (a repeated or late callback) changes nothing.
/// </summary>
public sealed class DeliveryLog(TableServiceClient tables, PageTimeline timeline, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public static string DeliveryRow(string jobId) => "ntf|" + jobId;

    /// <summary>States after which a redelivered page job must do nothing: it was sent, held, skipped or failed for good.</summary>
    public static bool IsSettled(DeliveryState? state) => state is not null and not DeliveryState.Retrying;

    /// <summary>
    /// How far a provider's reports have moved a message: they only move it forward (queued, sent, delivered, failed).
    /// Held, skipped and retrying records count as queued, as before any report.
    /// </summary>
    private static int Progress(DeliveryState state) => state switch
    {
        DeliveryState.Sent => 1,
        DeliveryState.Delivered => 2,
        DeliveryState.Failed => 3,
        _ => 0,
    };

    /// <summary>The recorded state of a page job, or null when it has none.</summary>
    public async Task<DeliveryState?> GetStateAsync(string accountId, string jobId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, DeliveryRow(jobId), select: ["State"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString("State") is { } state ? WireNames.Parse<DeliveryState>(state) : null;
    }

    /// <summary>Writes (or overwrites) the delivery record of one page job.</summary>
    public async Task RecordAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(Entity(record), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Writes the delivery record and the timeline line that says what happened, in one transaction (both rows are in
    /// the account's partition of the incidents table): one request instead of two, and never a settled record without
    /// its line. If an earlier delivery of the job already wrote the line, the record is written alone.
    /// </summary>
    public async Task RecordAsync(DeliveryRecord record, PageLine line, CancellationToken cancellationToken)
    {
        TableTransactionAction[] both =
        [
            new(TableTransactionActionType.UpsertMerge, Entity(record)),
            new(TableTransactionActionType.Add, IncidentRows.TimelineEntity(record.AccountId, line.Note, line.Id, 0, line.RecordedAt)),
        ];
        try
        {
            await _table.SubmitTransactionAsync(both, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exists) when (exists.Status == 409 && exists.FailedTransactionActionIndex is null or 1)
        {
            await RecordAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    private TableEntity Entity(DeliveryRecord record) => new(record.AccountId, DeliveryRow(record.JobId))
    {
        ["Incident"] = record.IncidentNumber,
        ["Channel"] = record.Channel.ToWire(),
        ["User"] = record.UserId,
        ["State"] = record.State.ToWire(),
        ["ProviderId"] = record.ProviderId,
        ["StateAt"] = time.GetUtcNow(),
    };

    /// <summary>Applies a status report; returns false when it was stale, repeated, or about no page Klaxon sent.</summary>
    /// <param name="maxAttempts">
    /// Tries when another report for the same message is written at the same moment: each re-reads the record and
    /// decides again. Default 1: the conflict is thrown (<see cref="ConcurrencyConflictException"/>) and the provider's
    /// retry of the callback decides on the new state.
    /// </param>
    public Task<bool> RecordStatusAsync(DeliveryStatusUpdate update, CancellationToken cancellationToken, int maxAttempts = 1) =>
        OptimisticConcurrency.RetryAsync($"Delivery record {update.JobId} of {update.AccountId}", maxAttempts,
            (_, ct) => TryRecordStatusAsync(update, ct), cancellationToken);

    private async Task<Attempt<bool>> TryRecordStatusAsync(DeliveryStatusUpdate update, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(update.AccountId, DeliveryRow(update.JobId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } delivery || delivery.GetInt64("Incident") != update.IncidentNumber)
        {
            return Attempt.Done(false);
        }
        var current = WireNames.TryParse<DeliveryState>(delivery.GetString("State"), out var state) ? state : DeliveryState.Queued;
        if (Progress(update.State) <= Progress(current))
        {
            return Attempt.Done(false);
        }
        var now = time.GetUtcNow();
        var channel = delivery.GetString("Channel");
        var user = delivery.GetString("User");
        var message = $"{ChannelNoun(channel)} to {user} {update.State.ToWire()}" + (update.Detail is null ? "." : $": {update.Detail}.");
        // The line first, then the state: a failure in between repeats the line on the provider's retry rather than
        // losing it. The id becomes part of the row key, where Table storage refuses "#".
        await timeline.AddAsync(update.AccountId, update.IncidentNumber, now, $"{update.JobId}|{update.State}", "delivery", message, update.Provider, cancellationToken)
            .ConfigureAwait(false);
        delivery["State"] = update.State.ToWire();
        delivery["StateAt"] = now;
        try
        {
            // If-Match: a report for the same message that landed first wins; this one conflicts and decides again on
            // the new state (or, out of attempts, fails so the provider retries it).
            await _table.UpdateEntityAsync(delivery, delivery.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 412)
        {
            return Attempt<bool>.Conflict;
        }
        return Attempt.Done(true);
    }

    private static string ChannelNoun(string? channel) => channel switch
    {
        "sms" => "SMS",
        "voice" => "Call",
        "email" => "Email",
        "push" => "Push notification",
        _ => "Message",
    };
}
