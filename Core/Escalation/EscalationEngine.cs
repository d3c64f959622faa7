using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Escalation;

/// <summary>
/// Moves one incident through its team's escalation policy. Pure: no clock, storage or I/O; every call takes the time
/// as <c>now</c> and returns a new <see cref="EscalationState"/> with the pages to send and the timeline notes to record.
/// Calendar days in durations count as exactly 24 hours.
/// </summary>
/// <remarks>
/// <c>onCall(scheduleId, at)</c> returns the ids of the users on call on a schedule at an instant: empty when nobody
/// is, null when the schedule no longer exists. Users are looked up in the current <see cref="AccountConfig"/>, so a
/// user deleted since the incident started is skipped with a timeline note; the policy itself is the snapshot taken
/// by <see cref="Start"/>.
/// </remarks>
public static class EscalationEngine
{
    /// <summary>The stop reason of an incident opened with <see cref="Urgency.Silent"/>.</summary>
    public const string SilentReason = "silent urgency";

    /// <summary>The timeline line that says why a silent incident paged nobody.</summary>
    public const string SilentNote = "Nobody paged: the incident's urgency is silent, so it is recorded only";

    /// <summary>
    /// Snapshots <paramref name="team"/>'s policy and starts its first layer at <paramref name="now"/> (skipping empty
    /// layers at once), sending the steps due immediately. The result has <see cref="EscalationState.Version"/> 1.
    /// </summary>
    public static EscalationOutcome Start(
        string accountId,
        long incidentNumber,
        Urgency urgency,
        TeamConfig team,
        AccountConfig config,
        Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onCall);
        var policy = EscalationPolicySnapshot.From(team.EscalationPolicy);
        var initial = new EscalationState
        {
            AccountId = accountId,
            IncidentNumber = incidentNumber,
            Urgency = urgency,
            TeamId = team.Id,
            Policy = policy,
            LayerIndex = 0,
            Iteration = 0,
            LayerStartedAt = now,
            Status = EscalationStatus.Active,
        };
        if (urgency == Urgency.Silent)
        {
            // Recorded, never paged: the state exists (so acknowledge and resolve find it) but is stopped from the start.
            var silenced = initial with { Status = EscalationStatus.Stopped, StopReason = SilentReason, Version = 1 };
            return new EscalationOutcome(silenced, true, [], [new EscalationNote(now, EscalationNoteKind.Silenced, SilentNote)]);
        }
        var run = new EscalationRun(initial, config, onCall);
        run.Start(now);
        run.AdvanceTo(now);
        return run.Finish();
    }

    /// <summary>
    /// Processes everything due at or before <paramref name="now"/> in time order: sends due steps and, at each layer
    /// boundary, drops the layer's remaining steps and starts the next layer at the boundary instant. Idempotent: a second
    /// call with the same <paramref name="now"/> returns <see cref="EscalationOutcome.Changed"/> false. Never pages for
    /// a stopped incident.
    /// </summary>
    public static EscalationOutcome Advance(
        EscalationState state,
        AccountConfig config,
        Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onCall);
        if (state.Status == EscalationStatus.Stopped)
        {
            return EscalationOutcome.Unchanged(state);
        }
        var run = new EscalationRun(state, config, onCall);
        run.AdvanceTo(now);
        return run.Finish();
    }

    /// <summary>
    /// Moves to the next layer now (<c>POST .../escalate</c>), after first sending whatever was already due. Unchanged
    /// unless the state is <see cref="EscalationStatus.Active"/>; from the last layer of the last cycle it exhausts the policy.
    /// </summary>
    /// <param name="requestedBy">Who asked, for the timeline.</param>
    public static EscalationOutcome EscalateNow(
        EscalationState state,
        AccountConfig config,
        Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall,
        string requestedBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onCall);
        ArgumentNullException.ThrowIfNull(requestedBy);
        if (state.Status != EscalationStatus.Active)
        {
            return EscalationOutcome.Unchanged(state);
        }
        var run = new EscalationRun(state, config, onCall);
        // Catch up first so steps due before the request are sent in order rather than silently dropped.
        run.AdvanceTo(now);
        if (run.State.Status == EscalationStatus.Active)
        {
            run.EscalateFrom(now, $"requested by {requestedBy}");
            run.AdvanceTo(now);
        }
        return run.Finish();
    }

    /// <summary>
    /// Acknowledge or resolve: drops every pending step and any further escalation at once. Deliberately does not send
    /// steps that were due before <paramref name="now"/> but not yet swept: an acknowledged incident must never page.
    /// Unchanged when already stopped.
    /// </summary>
    /// <param name="reason">For the timeline, e.g. <c>acknowledged by alice</c> or <c>resolved</c>.</param>
    public static EscalationOutcome Stop(EscalationState state, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reason);
        if (state.Status == EscalationStatus.Stopped)
        {
            return EscalationOutcome.Unchanged(state);
        }
        var users = state.PendingSteps.Select(s => s.UserId).Distinct(StringComparer.Ordinal).ToList();
        var cancelled = users.Count == 0 ? "" : $"; cancelled the remaining steps of {string.Join(", ", users)}";
        var stopped = state with
        {
            Status = EscalationStatus.Stopped,
            StopReason = reason,
            PendingSteps = [],
            NextLayerAt = null,
            Version = state.Version + 1,
        };
        return new EscalationOutcome(stopped, true, [],
            [new EscalationNote(now, EscalationNoteKind.Stopped, $"Paging stopped: {reason}{cancelled}")]);
    }

    /// <summary>
    /// Paging stopped before it started: the acknowledge or resolve was handled before the incident's start (queues do
    /// not keep order), or the incident's team has no policy. The stopped state takes the incident's place, so a start
    /// that comes later finds it and pages nobody.
    /// </summary>
    public static EscalationOutcome StopBeforeStart(string accountId, long incidentNumber, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var stopped = new EscalationState
        {
            AccountId = accountId,
            IncidentNumber = incidentNumber,
            Urgency = Urgency.High,
            TeamId = "",
            Policy = new EscalationPolicySnapshot([], 0),
            LayerIndex = 0,
            Iteration = 0,
            LayerStartedAt = now,
            Status = EscalationStatus.Stopped,
            StopReason = reason,
            Version = 1,
        };
        return new EscalationOutcome(stopped, true, [],
            [new EscalationNote(now, EscalationNoteKind.Stopped, $"Paging stopped before it started: {reason}")]);
    }

    /// <summary>
    /// When <see cref="Advance"/> next has something to do: the earliest pending step or layer boundary. Null when
    /// nothing will ever be due (stopped, or exhausted with no steps left).
    /// </summary>
    public static DateTimeOffset? NextDueAt(EscalationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == EscalationStatus.Stopped)
        {
            return null;
        }
        if (state.PausedUntil is { } paused)
        {
            return paused;
        }
        var next = state.Status == EscalationStatus.Active ? state.NextLayerAt : null;
        foreach (var step in state.PendingSteps)
        {
            if (next is null || step.DueAt < next)
            {
                next = step.DueAt;
            }
        }
        return next;
    }
}
