using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Maintenance;
using Klaxon.Notifications;
using Klaxon.OnCall;
using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Klaxon.Escalation;

/// <summary>
/// Runs <see cref="EscalationEngine"/> for one incident against storage. Every change follows the same order, so a
/// crash or a retry at any point neither loses nor repeats a page:
/// <list type="number">
/// <item>publish the pages: a start sends them at once where it can (<see cref="NotificationQueue.PublishAsync"/>), an
/// update queues them (ids are deterministic; the sender records each id once and re-checks the incident first),</item>
/// <item>index the next due time (an extra reminder only costs a no-op sweep),</item>
/// <item>commit the state and its timeline notes in one batch, conditional on the state's version; on a conflict, start
/// again from the stored state (<see cref="OptimisticConcurrency"/>, at most <see cref="MaxAttempts"/> attempts).</item>
/// </list>
/// </summary>
public sealed partial class EscalationRunner(
    EscalationStore store,
    DueIndex due,
    AccountStore accounts,
    NotificationQueue notifications,
    IncidentReader incidents,
    MaintenanceWindows maintenance,
    TimeProvider time,
    ILogger<EscalationRunner> logger,
    IIncidentEventPublisher? incidentEvents = null)
{
    /// <summary>Attempts at one update when other writers keep changing the state first; then the queue retries the work. Default 10.</summary>
    public const int MaxAttempts = 10;

    /// <summary>An incident was opened: start its team's policy (once, however often the job is delivered).</summary>
    public Task StartAsync(IncidentSignalJob job, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Escalate, span => Tag(span, "start", job.AccountId, job.IncidentNumber, job.RequestId),
            () => StartCoreAsync(job, cancellationToken));

    private async Task StartCoreAsync(IncidentSignalJob job, CancellationToken cancellationToken)
    {
        // The job carries team and urgency (set when the incident opened); older jobs without them read the incident.
        var (teamId, urgencyText) = (job.TeamId, job.Urgency?.ToWire());
        if (teamId is null || urgencyText is null)
        {
            if (await incidents.GetTeamAndUrgencyAsync(job.AccountId, job.IncidentNumber, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return;
            }
            (teamId, urgencyText) = (teamId ?? stored.TeamId, urgencyText ?? stored.Urgency);
        }
        // The account snapshot is at most a refresh interval old: the policy an incident follows is the one in force
        // when it opened, give or take those seconds.
        var config = await accounts.GetCachedAsync(job.AccountId, cancellationToken).ConfigureAwait(false);
        if (config is null || teamId is null || config.FindTeam(teamId) is not { } team)
        {
            LogNoPolicy(job.IncidentNumber, teamId);
            return;
        }
        WireNames.TryParse<Urgency>(urgencyText, out var urgency, lenient: true);
        var now = time.GetUtcNow();
        // Opened during maintenance: stored paused, so nobody is paged and the due sweep resumes it when the window ends.
        var cover = urgency == Urgency.Silent ? null
            : await maintenance.CoverAsync(config, team.Id, job.IntegrationId, now, cancellationToken).ConfigureAwait(false);
        var outcome = cover is not null
            ? EscalationPause.StartPaused(job.AccountId, job.IncidentNumber, urgency, team, job.IntegrationId, cover, now)
            : EscalationEngine.Start(job.AccountId, job.IncidentNumber, urgency, team, config, OnCall(config), now);
        outcome = outcome with { State = outcome.State with { IntegrationId = job.IntegrationId } };
        // Inserting the state fails if a redelivered job started it already; the pages it would send carry the same
        // ids as the first time's, so the sender records them once.
        await CommitAsync(outcome, null, job.RequestId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The incident was acknowledged or resolved: drop every pending step and stop escalating. When escalation has not
    /// started (this signal overtook the start, or the team has no policy), a stopped state is stored in its place, so
    /// the start pages nobody and no layer ever walks on for a closed incident.
    /// </summary>
    public Task StopAsync(IncidentSignalJob job, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Escalate, span => Tag(span, "stop", job.AccountId, job.IncidentNumber, job.RequestId),
            () => StopCoreAsync(job, cancellationToken));

    private Task StopCoreAsync(IncidentSignalJob job, CancellationToken cancellationToken)
    {
        var reason = job.Actor is { } actor ? $"{job.Kind.ToWire()} by {actor}" : job.Kind.ToWire();
        return UpdateAsync(job.AccountId, job.IncidentNumber, job.RequestId,
            (state, _) => EscalationEngine.Stop(state, reason, time.GetUtcNow()),
            cancellationToken, ifNotStarted: () => EscalationEngine.StopBeforeStart(job.AccountId, job.IncidentNumber, reason, time.GetUtcNow()));
    }

    /// <summary>
    /// Something came due: send what is due and escalate where a layer ran out; or, under a maintenance window, pause
    /// paging, and resume it from the first layer when the window is over (<see cref="EscalationPause"/>).
    /// </summary>
    public Task AdvanceAsync(string accountId, long number, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Escalate, span => Tag(span, "due", accountId, number, null),
            () => AdvanceCoreAsync(accountId, number, cancellationToken));

    private async Task AdvanceCoreAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var adHoc = await maintenance.AdHocAsync(accountId, now, cancellationToken).ConfigureAwait(false);
        await UpdateAsync(accountId, number, null,
            (state, config) => EscalationPause.Advance(state, config, OnCall(config),
                MaintenanceCalendar.CoverAt(config.Maintenance, adHoc, state.TeamId, state.IntegrationId, now), now),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Move to the next layer now (management API); refused while a maintenance window covers the incident.</summary>
    public Task EscalateNowAsync(string accountId, long number, string requestedBy, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Escalate, span => Tag(span, "now", accountId, number, null),
            () => EscalateNowCoreAsync(accountId, number, requestedBy, cancellationToken));

    private async Task EscalateNowCoreAsync(string accountId, long number, string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var adHoc = await maintenance.AdHocAsync(accountId, now, cancellationToken).ConfigureAwait(false);
        await UpdateAsync(accountId, number, null,
            (state, config) => EscalationPause.EscalateNow(state, config, OnCall(config),
                MaintenanceCalendar.CoverAt(config.Maintenance, adHoc, state.TeamId, state.IntegrationId, now), requestedBy, now),
            cancellationToken, ifNotStarted: () => throw new InvalidOperationException(
                $"Escalation of #{number} in {accountId} has not started yet; the queue will retry.")).ConfigureAwait(false);
    }

    /// <param name="ifNotStarted">
    /// What to store when there is no escalation state yet, or throw to have the queue retry shortly (a person's request
    /// can overtake the start: pages go out before the state is stored). Null: nothing to do.
    /// </param>
    private Task UpdateAsync(
        string accountId, long number, string? requestId, Func<EscalationState, AccountConfig, EscalationOutcome> decide, CancellationToken cancellationToken,
        Func<EscalationOutcome>? ifNotStarted = null) =>
        OptimisticConcurrency.RetryAsync($"Escalation of #{number} in {accountId}", MaxAttempts, async (_, _) =>
        {
            if (await store.LoadAsync(accountId, number, cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                if (ifNotStarted is null)
                {
                    return Attempt.Done(true);
                }
                // Inserted, not replaced: a start that got there first wins, and this attempt runs again on its state.
                return await CommitAsync(ifNotStarted(), null, requestId, cancellationToken).ConfigureAwait(false) == WriteOutcome.Written
                    ? Attempt.Done(true)
                    : Attempt<bool>.Conflict;
            }
            // Current users and schedules, from the snapshot the webhook path uses; the policy itself is the snapshot
            // taken when the incident opened.
            var config = await accounts.GetCachedAsync(accountId, cancellationToken).ConfigureAwait(false)
                ?? new AccountConfig(accountId, accountId, [], [], [], []);
            var outcome = decide(loaded.State, config);
            if (!outcome.Changed)
            {
                // Nothing was due yet (a message can arrive a moment early when clocks differ): the item that brought
                // us here is gone from the index, so put the next due time back.
                if (EscalationEngine.NextDueAt(outcome.State) is { } next)
                {
                    await due.AddAsync(new DueItem(accountId, number, next), cancellationToken).ConfigureAwait(false);
                }
                return Attempt.Done(true);
            }
            return await CommitAsync(outcome, loaded.Version, requestId, cancellationToken).ConfigureAwait(false) == WriteOutcome.Written
                ? Attempt.Done(true)
                : Attempt<bool>.Conflict;
        }, cancellationToken);

    private async Task<WriteOutcome> CommitAsync(EscalationOutcome outcome, RowVersion? version, string? requestId, CancellationToken cancellationToken)
    {
        var state = outcome.State;
        using var scope = logger.BeginScope(new LogScope(("request_id", requestId), ("account", state.AccountId), ("incident", state.IncidentNumber)));
        var jobs = outcome.Pages.Select(page => page.ToJob(requestId, state.TeamId));
        if (version is null)
        {
            // Starting: the first pages go out from this invocation. Only a repeated start (same page ids) or a stop that
            // overtook it (the sender re-reads the incident) can commit first, so sending before the insert is safe.
            await notifications.PublishAsync(jobs, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Updating: queued, as sending takes a provider call, and for that long a concurrent update (a step coming
            // due against an escalate-now) could commit first and make this decision stale.
            await notifications.SendAsync(jobs, cancellationToken).ConfigureAwait(false);
        }
        if (EscalationEngine.NextDueAt(state) is { } next)
        {
            await due.AddAsync(new DueItem(state.AccountId, state.IncidentNumber, next), cancellationToken).ConfigureAwait(false);
        }
        if (incidentEvents is not null)
        {
            // Before the save, like the pages: a line that ends up not committed is dropped by the listener.
            var escalated = EscalationStore.TimelineLines(state, outcome.Notes)
                .Where(line => line.Source.Kind == EscalationNoteKind.Escalated)
                .Select(line => new IncidentEventNotice(state.AccountId, state.IncidentNumber, IncidentEventKind.Escalated, line.Row, requestId ?? line.WriteId))
                .ToList();
            if (escalated.Count > 0)
            {
                await incidentEvents.PublishAsync(escalated, cancellationToken).ConfigureAwait(false);
            }
        }
        if (await store.SaveAsync(state, version, outcome.Notes, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) == WriteOutcome.ConcurrencyConflict)
        {
            return WriteOutcome.ConcurrencyConflict;
        }
        foreach (var note in outcome.Notes)
        {
            LogNote(state.IncidentNumber, note.Message);
        }
        return WriteOutcome.Written;
    }

    private static void Tag(System.Diagnostics.Activity span, string step, string accountId, long number, string? requestId) =>
        span.SetTag(KlaxonTelemetry.StepAttribute, step)
            .SetTag(KlaxonTelemetry.AccountAttribute, accountId)
            .SetTag(KlaxonTelemetry.IncidentAttribute, number)
            .SetTag(KlaxonTelemetry.RequestAttribute, requestId);

    private static Func<string, DateTimeOffset, IReadOnlyList<string>?> OnCall(AccountConfig config) =>
        (scheduleId, at) => ScheduleResolver.OnCallAt(config, scheduleId, at);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} escalation: {Message}")]
    private partial void LogNote(long incidentNumber, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "#{IncidentNumber}: no escalation policy for team {Team}; nobody paged")]
    private partial void LogNoPolicy(long incidentNumber, string? team);
}
