using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Maintenance;

namespace Klaxon.Escalation;

/// <summary>
/// Escalation under maintenance windows. Pure, like <see cref="EscalationEngine"/>: the caller says whether a window
/// covers the incident now (<see cref="MaintenanceCalendar.CoverAt"/>) and passes the time.
/// <list type="bullet">
/// <item>Opened in a window: the state is stored paused (nobody paged, the timeline says which window and until when).</item>
/// <item>A window starts while escalating: at the next thing due, pending steps are dropped and paging pauses.</item>
/// <item>The window is over: paging starts again from the first layer of the first cycle, and the timeline says so.</item>
/// <item>Acknowledge and resolve stop a paused escalation as any other (<see cref="EscalationEngine.Stop"/>).</item>
/// </list>
/// A paused state is checked again at the window's end, and at least every <see cref="Recheck"/>, so a window ended
/// early through the API, or a configuration edit, takes effect within that time.
/// </summary>
public static class EscalationPause
{
    /// <summary>Longest wait between two checks of a paused incident: 1 minute.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);

    /// <summary>Starts <paramref name="team"/>'s policy paused: the state is stored so a later stop or resume finds it, and nothing pages.</summary>
    public static EscalationOutcome StartPaused(
        string accountId, long incidentNumber, Urgency urgency, TeamConfig team, string? integrationId, MaintenanceCover cover, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(cover);
        var state = new EscalationState
        {
            AccountId = accountId,
            IncidentNumber = incidentNumber,
            Urgency = urgency,
            TeamId = team.Id,
            IntegrationId = integrationId,
            Policy = EscalationPolicySnapshot.From(team.EscalationPolicy),
            LayerIndex = 0,
            Iteration = 0,
            LayerStartedAt = now,
            Status = EscalationStatus.Active,
            PausedUntil = NextCheck(cover, now),
            Version = 1,
        };
        return new EscalationOutcome(state, true, [],
            [new EscalationNote(now, EscalationNoteKind.Paused, $"Nobody paged: opened during maintenance, {cover.Description}, until {Format(cover.Until)}")]);
    }

    /// <summary>
    /// What the due sweep does under maintenance rules: pause a running escalation that a window now covers, keep a paused
    /// one paused while the window lasts, resume it from the first layer when it is over, and otherwise advance as usual.
    /// </summary>
    /// <param name="cover">The maintenance covering the incident at <paramref name="now"/>, or null.</param>
    public static EscalationOutcome Advance(
        EscalationState state, AccountConfig config, Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall, MaintenanceCover? cover, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == EscalationStatus.Stopped)
        {
            return EscalationOutcome.Unchanged(state);
        }
        if (cover is not null)
        {
            return state.PausedUntil is null ? Pause(state, cover, now) : KeepPaused(state, cover, now);
        }
        return state.PausedUntil is null ? EscalationEngine.Advance(state, config, onCall, now) : Resume(state, config, onCall, now);
    }

    /// <summary>
    /// Escalate now under maintenance rules. While a window covers the incident it is refused with a timeline line, and
    /// an escalation the window has not paused yet is paused now; a paused escalation whose window is over resumes from
    /// the first layer; otherwise <see cref="EscalationEngine.EscalateNow"/>.
    /// </summary>
    /// <param name="cover">The maintenance covering the incident at <paramref name="now"/>, or null.</param>
    public static EscalationOutcome EscalateNow(
        EscalationState state, AccountConfig config, Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall, MaintenanceCover? cover,
        string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status == EscalationStatus.Stopped)
        {
            return EscalationEngine.EscalateNow(state, config, onCall, requestedBy, now);
        }
        if (cover is null)
        {
            return state.PausedUntil is null ? EscalationEngine.EscalateNow(state, config, onCall, requestedBy, now) : Resume(state, config, onCall, now);
        }
        var paused = state.PausedUntil is null ? Pause(state, cover, now) : new EscalationOutcome(state with { Version = state.Version + 1 }, true, [], []);
        return paused with
        {
            Notes = [.. paused.Notes, new EscalationNote(now, EscalationNoteKind.Paused,
                $"Not escalated as {requestedBy} asked: paging is paused for maintenance until {Format(cover.Until)}")],
        };
    }

    private static EscalationOutcome Pause(EscalationState state, MaintenanceCover cover, DateTimeOffset now)
    {
        var users = state.PendingSteps.Select(s => s.UserId).Distinct(StringComparer.Ordinal).ToList();
        var cancelled = users.Count == 0 ? "" : $"; cancelled the remaining steps of {string.Join(", ", users)}";
        var paused = state with
        {
            Status = EscalationStatus.Active,
            PendingSteps = [],
            NextLayerAt = null,
            PausedUntil = NextCheck(cover, now),
            Version = state.Version + 1,
        };
        return new EscalationOutcome(paused, true, [],
            [new EscalationNote(now, EscalationNoteKind.Paused, $"Paging paused: maintenance, {cover.Description}, until {Format(cover.Until)}{cancelled}")]);
    }

    /// <summary>Still covered: only the next check moves (no timeline line); unchanged when the check is not due yet.</summary>
    private static EscalationOutcome KeepPaused(EscalationState state, MaintenanceCover cover, DateTimeOffset now)
    {
        var next = NextCheck(cover, now);
        return now < state.PausedUntil || next == state.PausedUntil
            ? EscalationOutcome.Unchanged(state)
            : new EscalationOutcome(state with { PausedUntil = next, Version = state.Version + 1 }, true, [], []);
    }

    private static EscalationOutcome Resume(EscalationState state, AccountConfig config, Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall, DateTimeOffset now)
    {
        var restart = state with
        {
            Status = EscalationStatus.Active,
            LayerIndex = 0,
            Iteration = 0,
            LayerStartedAt = now,
            PendingSteps = [],
            NextLayerAt = null,
            NobodyOnCall = false,
            PausedUntil = null,
        };
        var run = new EscalationRun(restart, config, onCall);
        run.Enter(new EscalationPosition(0, 0), now);
        run.AdvanceTo(now);
        var outcome = run.Finish();
        return outcome with
        {
            // The run always enters a layer; should it ever report nothing, the cleared pause alone is still a change.
            State = outcome.Changed ? outcome.State : restart with { Version = state.Version + 1 },
            Changed = true,
            Notes = [new EscalationNote(now, EscalationNoteKind.Resumed, "Maintenance over: paging from the first layer"), .. outcome.Notes],
        };
    }

    private static DateTimeOffset NextCheck(MaintenanceCover cover, DateTimeOffset now) =>
        cover.Until < now + Recheck ? cover.Until : now + Recheck;

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
