using Azure;
using Azure.Data.Tables;
using Klaxon.Incidents;
using Klaxon.Storage;

namespace Klaxon.Notifications.Delivery;

/// <summary>How far a message got, in the order it can only move forward.</summary>
public enum DeliveryState
{
    Queued,
    Sent,
    Delivered,
    Failed,
}

/// <summary>A provider's report about one message (Twilio status callback, SendGrid event).</summary>
/// <param name="Provider">For the timeline: <c>twilio</c>, <c>sendgrid</c>.</param>
/// <param name="Detail">Optional, e.g. the provider's error code; never a credential.</param>
public sealed record DeliveryStatusUpdate(string AccountId, long IncidentNumber, string JobId, DeliveryState State, string Provider, string? Detail);

/// <summary>
/// The delivery record of each sent page (<c>ntf|{jobId}</c> in the incident's partition) and the timeline lines its
/// status reports add. A report that does not move the state forward (a repeated or late callback) changes nothing.
/// </summary>
public sealed class DeliveryLog(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public static string DeliveryRow(string jobId) => "ntf|" + jobId;

    /// <summary>Applies a status report; returns false when it was stale, repeated, or about no page Klaxon sent.</summary>
    public async Task<bool> RecordStatusAsync(DeliveryStatusUpdate update, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(update.AccountId, DeliveryRow(update.JobId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } delivery || delivery.GetInt64("Incident") != update.IncidentNumber)
        {
            return false;
        }
        var current = Enum.TryParse<DeliveryState>(delivery.GetString("State"), ignoreCase: true, out var state) ? state : DeliveryState.Queued;
        if (update.State <= current)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var channel = delivery.GetString("Channel");
        var user = delivery.GetString("User");
        var message = $"{ChannelNoun(channel)} to {user} {update.State.ToString().ToLowerInvariant()}" + (update.Detail is null ? "." : $": {update.Detail}.");
        var note = new TimelineNote(update.IncidentNumber, new EventOrder(now, update.JobId), "delivery", message, update.Provider, "klaxon");
        try
        {
            delivery["State"] = update.State.ToString().ToLowerInvariant();
            delivery["StateAt"] = now;
            await _table.UpdateEntityAsync(delivery, delivery.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 412)
        {
            // Another report for the same message landed first; let the provider retry this one against the new state.
            throw;
        }
        // ':' and not '#': the id is part of the timeline row key, and Table storage refuses keys containing # / \ or ?.
        await _table.AddEntityAsync(IncidentRows.TimelineEntity(update.AccountId, note, $"{update.JobId}:{update.State}", 0, now), cancellationToken)
            .ConfigureAwait(false);
        return true;
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
