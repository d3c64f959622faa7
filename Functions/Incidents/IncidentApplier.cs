using System.Text.Json;
using Klaxon.Common;
using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Klaxon.Incidents;

/// <summary>
/// Applies one queued event to incident state with exactly-once effect under at-least-once delivery:
/// read the dedup key's state, let <see cref="AlertKeyMachine"/> decide, and commit the decision in one batch
/// transaction (<see cref="IncidentStore.CommitAsync"/>) that inserts the event's applied-marker and replaces the key
/// state if unchanged. A redelivered event fails on the marker; a concurrent writer on the same key fails on the
/// version and the decision is retried on fresh state (<see cref="OptimisticConcurrency"/>).
/// </summary>
public sealed partial class IncidentApplier(
    IncidentStore store,
    EventQueue events,
    IncidentNumbers numbers,
    KeyStateCache keyStates,
    NotificationQueue notifications,
    TimeProvider time,
    ILogger<IncidentApplier> logger,
    IIncidentEventPublisher? incidentEvents = null)
{
    /// <summary>Optimistic-concurrency attempts before the message is handed back to the queue for a later retry. Default 20.</summary>
    public const int MaxAttempts = 20;

    /// <summary>
    /// Contention on one key: before re-reading, pause a random 5 ms up to 20 ms × conflicts so far, so the writers that
    /// collided spread out.
    /// </summary>
    private static readonly Func<int, TimeSpan> Backoff = ConflictBackoff.LinearJitter(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20));

    private readonly Turns _turns = new();

    public async Task<ApplyOutcome> ApplyAsync(EventEnvelope message, CancellationToken cancellationToken)
    {
        using var span = KlaxonTelemetry.StartStep(KlaxonTelemetry.Apply)
            ?.SetTag(KlaxonTelemetry.AccountAttribute, message.AccountId)
            .SetTag(KlaxonTelemetry.RequestAttribute, message.EventId)
            .SetTag(KlaxonTelemetry.IntegrationAttribute, message.IntegrationId)
            .SetTag(KlaxonTelemetry.IncidentAttribute, message.IncidentNumber);
        try
        {
            var outcome = await ApplyCoreAsync(message, cancellationToken).ConfigureAwait(false);
            span?.SetTag(KlaxonTelemetry.OutcomeAttribute, outcome.ToString().ToLowerInvariant());
            return outcome;
        }
        catch (Exception failure)
        {
            KlaxonTelemetry.Fail(span, failure);
            throw;
        }
    }

    private async Task<ApplyOutcome> ApplyCoreAsync(EventEnvelope message, CancellationToken cancellationToken)
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
        var target = await ResolveTargetAsync(envelope, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            LogUnknownIncident(envelope.IncidentNumber);
            return (await RetryAsync(envelope, (_, ct) => RecordNoOpAsync(envelope, ct), cancellationToken).ConfigureAwait(false)).Outcome;
        }
        Decided decided;
        // Events for one key in this instance take turns: decided together, both would read (or guess) the same state,
        // one batch would fail, and for a new key the later create could commit first with the later incident number.
        using (await _turns.TakeAsync($"{envelope.AccountId}/{target.Value.KeyRow}", cancellationToken).ConfigureAwait(false))
        {
            decided = await RetryAsync(envelope, (attempt, ct) => TryApplyAsync(envelope, target.Value, trustCache: attempt == 1, ct), cancellationToken)
                .ConfigureAwait(false);
        }
        // After the turn, so the key's next event need not wait for these pages to reach their providers. Run now where
        // possible (an opened incident's first pages go out from this invocation); a redelivery republishes through
        // the queue (PublishAppliedAsync), so a crash before or during this loses nothing.
        await notifications.PublishAsync(decided.Jobs, cancellationToken).ConfigureAwait(false);
        return decided.Outcome;
    }

    /// <summary>Decides again on fresh state after a conflict; out of attempts, the exception fails the message and the queue retries it later.</summary>
    private Task<Decided> RetryAsync(EventEnvelope envelope, Func<int, CancellationToken, Task<Decided>> attempt, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync($"Event {envelope.EventId}", MaxAttempts, async (number, ct) =>
        {
            var decided = await attempt(number, ct).ConfigureAwait(false);
            return decided.Outcome == ApplyOutcome.Conflict ? Attempt<Decided>.Conflict : Attempt.Done(decided);
        }, cancellationToken, Backoff, time);

    /// <summary>An action on an incident that does not exist: only the marker is written, so a redelivery is recognised.</summary>
    private async Task<Decided> RecordNoOpAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var committed = await CommitAsync(envelope, null, [], [], cancellationToken).ConfigureAwait(false);
        return new Decided(committed.Outcome, committed.Jobs);
    }

    /// <summary>What an attempt came to, and the signal jobs to publish once it committed.</summary>
    private readonly record struct Decided(ApplyOutcome Outcome, IReadOnlyList<IncidentSignalJob> Jobs)
    {
        public static Decided Only(ApplyOutcome outcome) => new(outcome, []);
    }

    /// <param name="trustCache">
    /// First attempt: use the cached key state, or for a create with none cached assume a new key (its insert fails if
    /// the key exists). Retries always read, so a wrong guess costs one failed batch and never loops.
    /// </param>
    private async Task<Decided> TryApplyAsync(EventEnvelope envelope, (string KeyRow, string IntegrationId, string AlertId) target, bool trustCache,
        CancellationToken cancellationToken)
    {
        var account = envelope.AccountId;
        var keyRow = target.KeyRow;
        var (state, version) = await ReadKeyStateAsync(envelope, keyRow, trustCache, cancellationToken).ConfigureAwait(false);
        var lease = await numbers.LeaseAsync(account, cancellationToken).ConfigureAwait(false);
        var action = new IncidentAction(envelope.Action, new EventOrder(envelope.ReceivedAt, envelope.EventId), envelope.Source, envelope.Actor, envelope.IncidentNumber);
        var decision = AlertKeyMachine.Apply(state, action, lease.Next);
        if (decision.IsDuplicate)
        {
            // The event is in the key's log, so its commit (marker included) happened: a redelivery.
            await RepublishAsync(envelope, cancellationToken).ConfigureAwait(false);
            LogDuplicate();
            return Decided.Only(ApplyOutcome.Duplicate);
        }

        var keyState = new KeyStateWrite(keyRow, decision.State, target.IntegrationId, target.AlertId, version);
        var writes = new List<IncidentWrite>();
        foreach (var change in decision.Changes)
        {
            if (!change.IsNew)
            {
                writes.Add(new IncidentWrite(change.Summary));
                continue;
            }
            var content = change.SplitFrom is { } source
                ? await store.ReadContentAsync(account, source, cancellationToken).ConfigureAwait(false)
                : ContentOf(envelope);
            var incidentId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
            writes.Add(new IncidentWrite(change.Summary, new OpenedIncident(content, keyRow, incidentId)));
        }
        if (incidentEvents is not null)
        {
            // Before the commit, so a crash after it cannot lose an event; listeners check the line was committed.
            var notices = IncidentEventNotice.For(account, envelope.EventId, decision,
                (note, index) => IncidentRows.TimelineRow(note.Number, note.At.ReceivedAt, envelope.EventId, index));
            if (notices.Count > 0)
            {
                await incidentEvents.PublishAsync(notices, cancellationToken).ConfigureAwait(false);
            }
        }
        var (outcome, written, jobs) = await CommitAsync(envelope, keyState, writes, decision.Timeline, cancellationToken, decision).ConfigureAwait(false);
        if (outcome != ApplyOutcome.Applied)
        {
            lease.Release();
        }
        if (outcome == ApplyOutcome.Applied && written is { } current)
        {
            keyStates.Set(account, keyRow, current, decision.State);
        }
        else
        {
            keyStates.Remove(account, keyRow);
        }
        if (outcome == ApplyOutcome.Applied)
        {
            if (decision.Changes.Count > 0)
            {
                KlaxonTelemetry.CurrentStep?.SetTag(KlaxonTelemetry.IncidentAttribute, decision.Changes[0].Summary.Number);
            }
            LogDecision(envelope, decision);
        }
        return new Decided(outcome, jobs);
    }

    private async Task<(AlertKeyState State, RowVersion? Version)> ReadKeyStateAsync(EventEnvelope envelope, string keyRow, bool trustCache, CancellationToken cancellationToken)
    {
        if (trustCache && keyStates.TryGet(envelope.AccountId, keyRow, out var cachedVersion, out var cached))
        {
            return (cached, cachedVersion);
        }
        if (trustCache && envelope.Action == IncidentActionKind.Create && envelope.IncidentNumber is null)
        {
            // Most creates are for keys never seen: skip the read and insert the key state; if the key does exist,
            // the insert fails the batch and the retry reads it.
            return (AlertKeyState.Empty, null);
        }
        return await store.ReadKeyStateAsync(envelope.AccountId, keyRow, cancellationToken).ConfigureAwait(false) is { } stored
            ? (stored.State, stored.Version)
            : (AlertKeyState.Empty, null);
    }

    /// <summary>
    /// Writes marker, state changes, timeline and payload clean-up atomically (<see cref="IncidentStore.CommitAsync"/>).
    /// Returns, when applied, the key state's new version and the signal jobs the caller publishes.
    /// </summary>
    private async Task<(ApplyOutcome Outcome, RowVersion? KeyStateVersion, IReadOnlyList<IncidentSignalJob> Jobs)> CommitAsync(
        EventEnvelope envelope, KeyStateWrite? keyState, IReadOnlyList<IncidentWrite> incidents, IReadOnlyList<TimelineNote> timeline,
        CancellationToken cancellationToken, IncidentDecision? decision = null)
    {
        var account = envelope.AccountId;
        var now = time.GetUtcNow();
        var jobs = (decision?.Signals ?? []).Select(signal => IncidentSignalJob.Of(envelope, signal, now)).ToList();
        var commit = new IncidentCommit(account, envelope.EventId, now, JsonSerializer.Serialize(jobs, KlaxonJson.Options), keyState, incidents, timeline,
            envelope.PayloadRow);
        var result = await store.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case IncidentCommitStatus.AlreadyApplied:
                // The marker exists: this event was applied before (a redelivery). Publish its jobs again.
                await PublishAppliedAsync(result.AppliedJobs!, cancellationToken).ConfigureAwait(false);
                LogDuplicate();
                return (ApplyOutcome.Duplicate, null, []);
            case IncidentCommitStatus.NumberTaken:
                // Another instance took this incident number.
                numbers.Refresh(account);
                return (ApplyOutcome.Conflict, null, []);
            case IncidentCommitStatus.ConcurrencyConflict:
                return (ApplyOutcome.Conflict, null, []);
        }
        return (ApplyOutcome.Applied, result.KeyStateVersion, jobs);
    }

    /// <summary>
    /// If the event's marker exists, publishes its jobs again (the first publish may have been lost in a crash between
    /// commit and publish; consumers recognise job ids) and returns true.
    /// </summary>
    private async Task<bool> RepublishAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (await store.ReadAppliedJobsAsync(envelope.AccountId, envelope.EventId, cancellationToken).ConfigureAwait(false) is not { } applied)
        {
            return false;
        }
        await PublishAppliedAsync(applied, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Publishes the jobs stored with an applied-marker.</summary>
    private async Task PublishAppliedAsync(string appliedJobs, CancellationToken cancellationToken)
    {
        var jobs = JsonSerializer.Deserialize<List<IncidentSignalJob>>(appliedJobs, KlaxonJson.Options) ?? [];
        await notifications.SendAsync(jobs, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string KeyRow, string IntegrationId, string AlertId)?> ResolveTargetAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.IncidentNumber is not { } number)
        {
            var integrationId = envelope.IntegrationId ?? throw new InvalidDataException($"Event {envelope.EventId} has no integration.");
            var alertId = envelope.AlertId ?? throw new InvalidDataException($"Event {envelope.EventId} has no Id.");
            return (IncidentRows.KeyRow(integrationId, alertId), integrationId, alertId);
        }
        return await store.FindKeyAsync(envelope.AccountId, number, cancellationToken).ConfigureAwait(false);
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
            LogKept(envelope.Action.ToWire(), envelope.AlertId);
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
