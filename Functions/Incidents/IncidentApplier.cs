using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;

namespace Klaxon.Incidents;

/// <summary>
/// Applies one queued event to incident state with exactly-once effect under at-least-once delivery:
/// read the dedup key's state, let <see cref="AlertKeyMachine"/> decide, and commit the decision in one batch
/// transaction that inserts the event's applied-marker and replaces the key state with If-Match. A redelivered event
/// fails on the marker; a concurrent writer on the same key fails on the ETag and the decision is retried on fresh state.
/// </summary>
public sealed partial class IncidentApplier(
    TableServiceClient tables,
    EventQueue events,
    IncidentNumbers numbers,
    KeyStateCache keyStates,
    NotificationQueue notifications,
    TimeProvider time,
    ILogger<IncidentApplier> logger)
{
    /// <summary>Optimistic-concurrency attempts before the message is handed back to the queue for a later retry.</summary>
    public const int MaxAttempts = 20;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task<ApplyOutcome> ApplyAsync(EventEnvelope message, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new LogScope(("request_id", message.EventId), ("account", message.AccountId), ("integration", message.IntegrationId)));
        var envelope = message;
        if (message.PayloadRow is not null)
        {
            var loaded = await events.LoadPayloadAsync(message, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                // The claim-checked body is deleted in the same batch that applies the event: gone means applied.
                return await RepublishAsync(message, cancellationToken).ConfigureAwait(false)
                    ? ApplyOutcome.Duplicate
                    : throw new InvalidDataException($"Event {message.EventId}: its stored payload {message.PayloadRow} is missing.");
            }
            envelope = loaded;
        }
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var outcome = await TryApplyAsync(envelope, trustCache: attempt == 1, cancellationToken).ConfigureAwait(false);
            if (outcome != ApplyOutcome.Conflict)
            {
                return outcome;
            }
            // Contention on one key: back off a little, with jitter, before re-reading.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), time, cancellationToken).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"Event {envelope.EventId}: gave up after {MaxAttempts} concurrent-update conflicts; the queue will retry it.");
    }

    /// <param name="trustCache">
    /// First attempt: use the cached key state, or for a create with none cached assume a new key (its insert fails if
    /// the key exists). Retries always read, so a wrong guess costs one failed batch and never loops.
    /// </param>
    private async Task<ApplyOutcome> TryApplyAsync(EventEnvelope envelope, bool trustCache, CancellationToken cancellationToken)
    {
        var account = envelope.AccountId;
        var target = await ResolveTargetAsync(envelope, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            LogUnknownIncident(envelope.IncidentNumber);
            return (await CommitAsync(envelope, [], [], cancellationToken).ConfigureAwait(false)).Outcome;
        }
        var keyRow = target.Value.KeyRow;
        var (state, etag) = await ReadKeyStateAsync(envelope, keyRow, trustCache, cancellationToken).ConfigureAwait(false);
        var lease = await numbers.LeaseAsync(account, cancellationToken).ConfigureAwait(false);
        var action = new IncidentAction(envelope.Action, new EventOrder(envelope.ReceivedAt, envelope.EventId), envelope.Source, envelope.Actor, envelope.IncidentNumber);
        var decision = AlertKeyMachine.Apply(state, action, lease.Next);
        if (decision.IsDuplicate)
        {
            // The event is in the key's log, so its commit (marker included) happened: a redelivery.
            await RepublishAsync(envelope, cancellationToken).ConfigureAwait(false);
            LogDuplicate();
            return ApplyOutcome.Duplicate;
        }

        var batch = new List<TableTransactionAction>();
        var newState = IncidentRows.KeyStateEntity(account, keyRow, decision.State, target.Value.IntegrationId, target.Value.AlertId);
        batch.Add(etag is { } current
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, newState, current)
            : new TableTransactionAction(TableTransactionActionType.Add, newState));
        foreach (var change in decision.Changes)
        {
            if (!change.IsNew)
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, IncidentRows.SummaryEntity(account, change.Summary), ETag.All));
                continue;
            }
            var content = change.SplitFrom is { } source
                ? await ReadContentAsync(account, source, cancellationToken).ConfigureAwait(false)
                : ContentOf(envelope);
            var incidentId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add,
                IncidentRows.NewIncidentEntity(account, change.Summary, content, keyRow, incidentId)));
        }
        var (outcome, committed) = await CommitAsync(envelope, batch, decision.Timeline, cancellationToken, decision).ConfigureAwait(false);
        if (outcome != ApplyOutcome.Applied)
        {
            lease.Release();
        }
        if (outcome == ApplyOutcome.Applied && committed?[1].Headers.ETag is { } written)
        {
            // Index 1: the marker is first, the key state second (see CommitAsync).
            keyStates.Set(account, keyRow, written, decision.State);
        }
        else
        {
            keyStates.Remove(account, keyRow);
        }
        if (outcome == ApplyOutcome.Applied)
        {
            LogDecision(envelope, decision);
        }
        return outcome;
    }

    private async Task<(AlertKeyState State, ETag? ETag)> ReadKeyStateAsync(EventEnvelope envelope, string keyRow, bool trustCache, CancellationToken cancellationToken)
    {
        if (trustCache && keyStates.TryGet(envelope.AccountId, keyRow, out var cachedETag, out var cached))
        {
            return (cached, cachedETag);
        }
        if (trustCache && envelope.Action == IncidentActionKind.Create && envelope.IncidentNumber is null)
        {
            // Most creates are for keys never seen: skip the read and insert the key state; if the key does exist,
            // the insert fails the batch and the retry reads it.
            return (AlertKeyState.Empty, null);
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(envelope.AccountId, keyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } stored ? (IncidentRows.ReadKeyState(stored), stored.ETag) : (AlertKeyState.Empty, null);
    }

    /// <summary>
    /// Writes marker, state changes, timeline and payload clean-up atomically, then publishes the signals. The marker
    /// is operation 0 and the first change (the key state, when there is one) operation 1.
    /// </summary>
    private async Task<(ApplyOutcome Outcome, IReadOnlyList<Response>? Responses)> CommitAsync(
        EventEnvelope envelope, List<TableTransactionAction> changes, IReadOnlyList<TimelineNote> timeline,
        CancellationToken cancellationToken, IncidentDecision? decision = null)
    {
        var account = envelope.AccountId;
        var now = time.GetUtcNow();
        var jobs = (decision?.Signals ?? []).Select(signal => IncidentSignalJob.Of(envelope, signal, now)).ToList();
        var marker = new TableEntity(account, IncidentRows.MarkerRow(envelope.EventId))
        {
            ["AppliedAt"] = now,
            ["Jobs"] = JsonSerializer.Serialize(jobs, KlaxonJson.Options),
        };
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.Add, marker) };
        batch.AddRange(changes);
        batch.AddRange(timeline.Select((note, index) => new TableTransactionAction(
            TableTransactionActionType.Add, IncidentRows.TimelineEntity(account, note, envelope.EventId, index, now))));
        if (envelope.PayloadRow is { } payloadRow)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(account, payloadRow), ETag.All));
        }
        IReadOnlyList<Response> responses;
        try
        {
            responses = (await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (TableTransactionFailedException failure)
        {
            var failed = failure.FailedTransactionActionIndex;
            // The service reports the first failing operation; the marker is operation 0, so only a failure there (or
            // an unknown index) can mean this event was applied before.
            if ((failed is null or 0) && await RepublishAsync(envelope, cancellationToken).ConfigureAwait(false))
            {
                // The marker exists: this event was applied before (a redelivery). Its jobs were republished.
                LogDuplicate();
                return (ApplyOutcome.Duplicate, null);
            }
            if (failed is { } index && batch[index].Entity.RowKey.StartsWith(IncidentRows.IncidentRangeStart, StringComparison.Ordinal)
                && batch[index].ActionType == TableTransactionActionType.Add)
            {
                // Another instance took this incident number.
                numbers.Refresh(account);
                return (ApplyOutcome.Conflict, null);
            }
            if (failure.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
            {
                return (ApplyOutcome.Conflict, null);
            }
            throw;
        }
        await notifications.SendAsync(jobs, cancellationToken).ConfigureAwait(false);
        return (ApplyOutcome.Applied, responses);
    }

    /// <summary>
    /// If the event's marker exists, publishes its jobs again (the first publish may have been lost in a crash between
    /// commit and publish; consumers recognise job ids) and returns true.
    /// </summary>
    private async Task<bool> RepublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(envelope.AccountId, IncidentRows.MarkerRow(envelope.EventId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!marker.HasValue || marker.Value is not { } entity)
        {
            return false;
        }
        var jobs = JsonSerializer.Deserialize<List<IncidentSignalJob>>(entity.GetString("Jobs") ?? "[]", KlaxonJson.Options) ?? [];
        await notifications.SendAsync(jobs, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<(string KeyRow, string IntegrationId, string AlertId)?> ResolveTargetAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.IncidentNumber is not { } number)
        {
            var integrationId = envelope.IntegrationId ?? throw new InvalidDataException($"Event {envelope.EventId} has no integration.");
            var alertId = envelope.AlertId ?? throw new InvalidDataException($"Event {envelope.EventId} has no Id.");
            return (IncidentRows.KeyRow(integrationId, alertId), integrationId, alertId);
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(envelope.AccountId, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } incident)
        {
            return null;
        }
        return (incident.GetString("KeyRow")!, incident.GetString("IntegrationId") ?? "", incident.GetString("DedupKey") ?? "");
    }

    private async Task<IncidentContent> ReadContentAsync(string account, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityAsync<TableEntity>(account, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        return IncidentRows.ReadContent(row.Value);
    }

    private static IncidentContent ContentOf(EventEnvelope envelope) => new(
        envelope.AlertId ?? "",
        envelope.IntegrationId ?? "",
        envelope.TeamId,
        envelope.Title ?? "",
        envelope.Description ?? "",
        envelope.Urgency ?? Urgency.High,
        envelope.Tags ?? [],
        envelope.Details ?? []);

    private void LogDecision(EventEnvelope envelope, IncidentDecision decision)
    {
        if (decision.Timeline.Count == 0)
        {
            LogKept(envelope.Action.ToString().ToLowerInvariant(), envelope.AlertId);
            return;
        }
        foreach (var note in decision.Timeline)
        {
            using var incidentScope = logger.BeginScope(new LogScope(("incident", note.Number)));
            if (note.Kind == "opened")
            {
                var opened = decision.Changes.First(c => c.Summary.Number == note.Number);
                LogOpened(note.Number, envelope.Urgency?.ToWire() ?? "?", envelope.Title ?? "(split from an earlier incident)", envelope.IntegrationName ?? envelope.IntegrationId, envelope.TeamId, opened.Summary.Status.ToWire());
                continue;
            }
            LogTimeline(note.Number, note.Kind, note.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} {Kind}: {Change}")]
    private partial void LogTimeline(long incidentNumber, string kind, string change);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} opened [{Urgency}] {Title} (integration {Integration}, team {Team}; now {Status})")]
    private partial void LogOpened(long incidentNumber, string urgency, string title, string? integration, string? team, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept {Action} for Id '{AlertId}': no incident received before it yet; an earlier create may still arrive")]
    private partial void LogKept(string action, string? alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event already applied (redelivery); its notifications were republished")]
    private partial void LogDuplicate();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident #{IncidentNumber} does not exist; the action was recorded as a no-op")]
    private partial void LogUnknownIncident(long? incidentNumber);
}

public enum ApplyOutcome
{
    Applied,
    Duplicate,
    Conflict,
}
