using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Incidents;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;

namespace Klaxon.Heartbeats;

/// <summary>
/// Heartbeat integrations ("page me when my nightly job has not checked in"). Each check-in moves the deadline to now
/// plus interval plus grace and puts a reminder for it in the escalation due index; the timer's sweep hands the reminder
/// on when it is due, and <see cref="CheckAsync"/> opens an incident if no check-in came since. The next check-in
/// resolves it (clocks start in <see cref="HeartbeatClock"/>). So the sweep's cost follows what is due, not how many heartbeats exist. Incidents go through the
/// events queue like any sender's, keyed <see cref="HeartbeatText.AlertId"/>, with event ids fixed by the deadline or
/// the miss, so a retried step is applied once.
/// </summary>
public sealed partial class HeartbeatMonitor(
    AccountStore accounts, HeartbeatStore store, DueIndex due, EventQueue events, TimeProvider time, ILogger<HeartbeatMonitor> logger)
    : IHeartbeatDeadlines
{
    /// <summary>Attempts when other writers keep changing the heartbeat's state first. Default 10.</summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// <c>GET|POST /heartbeat/{accountId}/{integrationId}/{token}</c>. Null (the uniform 404) for an unknown account, an
    /// unknown, disabled or non-heartbeat integration, or a wrong token, after the same work.
    /// </summary>
    public async Task<CheckInReceipt?> CheckInAsync(string accountId, string integrationId, string token, CancellationToken cancellationToken)
    {
        var config = await accounts.GetCachedAsync(accountId, cancellationToken).ConfigureAwait(false);
        var integration = config?.FindIntegration(integrationId);
        var tokenMatches = IntegrationTokens.Matches(token, integration?.TokenHash);
        if (config is null || integration is not { Type: IntegrationType.Heartbeat, Enabled: true, Heartbeat: { } heartbeat } || !tokenMatches)
        {
            return null;
        }
        var now = time.GetUtcNow();
        return await OptimisticConcurrency.RetryAsync($"Check-in of heartbeat {integrationId} in {accountId}", MaxAttempts, async (_, ct) =>
        {
            var stored = await store.ReadAsync(accountId, integrationId, ct).ConfigureAwait(false);
            var state = stored?.State ?? new HeartbeatState(now, null, null);
            if (state.MissedAt is { } missedAt)
            {
                // Resolve before clearing the miss: a retry after a failed write sends the same event again, applied once.
                await events.SendAsync(Envelope(config, integration, IncidentActionKind.Resolve,
                    HeartbeatStore.EventId("checked-in", accountId, integrationId, missedAt), now), ct).ConfigureAwait(false);
            }
            var next = state with { LastCheckIn = now, MissedAt = null };
            var deadline = next.DeadlineFor(heartbeat);
            // The reminder first: an extra one costs a no-op check, a missing one a missed page.
            await due.AddAsync(DueItem.ForHeartbeat(accountId, integrationId, deadline), ct).ConfigureAwait(false);
            if (!await store.TryWriteAsync(accountId, integrationId, next, stored?.Version, ct).ConfigureAwait(false))
            {
                return Attempt<CheckInReceipt>.Conflict;
            }
            LogCheckedIn(integration.Name, deadline, state.MissedAt is not null);
            return Attempt.Done(new CheckInReceipt(deadline, state.MissedAt is not null));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task CheckAsync(string accountId, string heartbeatId, CancellationToken cancellationToken)
    {
        var config = await accounts.GetCachedAsync(accountId, cancellationToken).ConfigureAwait(false);
        var integration = config?.FindIntegration(heartbeatId);
        if (config is null || integration is not { Type: IntegrationType.Heartbeat, Enabled: true, Heartbeat: { } heartbeat })
        {
            // Deleted, disabled or no longer a heartbeat: nothing to watch. Re-enabling restarts its clock.
            return;
        }
        await OptimisticConcurrency.RetryAsync($"Deadline of heartbeat {heartbeatId} in {accountId}", MaxAttempts, async (_, ct) =>
        {
            if (await store.ReadAsync(accountId, heartbeatId, ct).ConfigureAwait(false) is not { } stored)
            {
                return Attempt.Done(true);
            }
            var state = stored.State;
            if (state.MissedAt is { } missedAt)
            {
                // Already missed: send its event again (same id, applied once) in case the first send was lost.
                await SendMissedAsync(config, integration, heartbeat, state, missedAt, ct).ConfigureAwait(false);
                return Attempt.Done(true);
            }
            var now = time.GetUtcNow();
            var deadline = state.DeadlineFor(heartbeat);
            if (now < deadline)
            {
                // A check-in came since this reminder was set (or it arrived a moment early): remind at the real deadline.
                await due.AddAsync(DueItem.ForHeartbeat(accountId, heartbeatId, deadline), ct).ConfigureAwait(false);
                return Attempt.Done(true);
            }
            var missed = state with { MissedAt = now };
            if (!await store.TryWriteAsync(accountId, heartbeatId, missed, stored.Version, ct).ConfigureAwait(false))
            {
                return Attempt<bool>.Conflict;
            }
            await SendMissedAsync(config, integration, heartbeat, missed, now, ct).ConfigureAwait(false);
            LogMissed(integration.Name, deadline);
            return Attempt.Done(true);
        }, cancellationToken).ConfigureAwait(false);
    }

    private Task SendMissedAsync(
        AccountConfig config, IntegrationConfig integration, HeartbeatConfig heartbeat, HeartbeatState state, DateTimeOffset missedAt, CancellationToken cancellationToken)
    {
        var deadline = state.DeadlineFor(heartbeat);
        var envelope = Envelope(config, integration, IncidentActionKind.Create, HeartbeatStore.EventId("missed", config.Id, integration.Id, deadline), missedAt) with
        {
            Title = HeartbeatText.Title(integration.Name, state),
            Description = HeartbeatText.Description(heartbeat, state, missedAt),
            Urgency = integration.Urgency,
            Tags = ["heartbeat"],
            Details = new JsonObject
            {
                ["interval"] = heartbeat.Interval.ToString(),
                ["grace"] = heartbeat.Grace.ToString(),
                ["lastCheckIn"] = state.LastCheckIn,
                ["clockStartedAt"] = state.ClockStartedAt,
                ["deadline"] = deadline,
            },
        };
        return events.SendAsync(envelope, cancellationToken);
    }

    private static EventEnvelope Envelope(AccountConfig config, IntegrationConfig integration, IncidentActionKind action, string eventId, DateTimeOffset at) => new()
    {
        EventId = eventId,
        AccountId = config.Id,
        Source = "webhook",
        Actor = integration.Name,
        Action = action,
        ReceivedAt = at,
        IntegrationId = integration.Id,
        IntegrationName = integration.Name,
        TeamId = integration.Team,
        AlertId = HeartbeatText.AlertId,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat {Heartbeat} checked in; next deadline {Deadline:O} (resolved a miss: {Resolved})")]
    private partial void LogCheckedIn(string heartbeat, DateTimeOffset deadline, bool resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat {Heartbeat} missed its deadline {Deadline:O}; opening an incident")]
    private partial void LogMissed(string heartbeat, DateTimeOffset deadline);
}

/// <summary>A check-in's answer: when the next one is due, and whether it resolved a missed heartbeat.</summary>
public sealed record CheckInReceipt(DateTimeOffset NextDue, bool ResolvedMiss);
