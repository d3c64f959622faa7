using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Escalation;

/// <summary>
/// The working copy for one engine call: the state as it evolves plus the pages and notes produced so far. Keeping the
/// mutation here lets <see cref="EscalationEngine"/> stay a set of pure functions from (state, input) to outcome.
/// </summary>
internal sealed partial class EscalationRun(
    EscalationState original,
    AccountConfig config,
    Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall)
{
    private readonly EscalationState _original = original;
    private readonly List<Page> _pages = [];
    private readonly List<EscalationNote> _notes = [];

    public EscalationState State { get; private set; } = original;

    private EscalationPolicySnapshot Policy => State.Policy;

    private EscalationPosition Position => new(State.Iteration, State.LayerIndex);

    /// <summary>Sends every step and crosses every boundary due at or before <paramref name="now"/>, in time order.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        while (State.Status != EscalationStatus.Stopped)
        {
            var step = EarliestStep();
            // Ties go to the boundary: a layer owns [start, boundary), so a step due exactly as it ends is not sent.
            if (State is { Status: EscalationStatus.Active, NextLayerAt: { } boundary }
                && boundary <= now
                && (step is null || boundary <= step.DueAt))
            {
                // While nobody is on call a boundary is only a re-check; saying "not acknowledged" each time would be noise.
                var reason = State.NobodyOnCall
                    ? null
                    : $"not acknowledged within {EscalationText.Duration(Policy.Layers[State.LayerIndex].EscalateAfter)}";
                // The boundary instant, not now: a late sweep must not shift every later layer and step.
                EscalateFrom(boundary, reason);
                continue;
            }
            if (step is not null && step.DueAt <= now)
            {
                Fire(step);
                continue;
            }
            return;
        }
    }

    /// <summary>Leaves the current layer for the next one at <paramref name="at"/>; <paramref name="reason"/> null records no escalation entry.</summary>
    public void EscalateFrom(DateTimeOffset at, string? reason)
    {
        if (reason is not null)
        {
            Note(at, EscalationNoteKind.Escalated, $"Escalating from {Position.Label(Policy)}: {reason}");
        }
        Enter(Position.Next(Policy), at);
    }

    /// <summary>The outcome; unchanged (same instance, same version) when this run did nothing.</summary>
    public EscalationOutcome Finish()
    {
        if (ReferenceEquals(State, _original) && _pages.Count == 0 && _notes.Count == 0)
        {
            return EscalationOutcome.Unchanged(_original);
        }
        return new EscalationOutcome(State with { Version = _original.Version + 1 }, true, _pages, _notes);
    }

    private PendingStep? EarliestStep()
    {
        PendingStep? earliest = null;
        // Strictly earlier only, so equal due times keep creation order (layer order of users, then step order).
        foreach (var step in State.PendingSteps)
        {
            if (earliest is null || step.DueAt < earliest.DueAt)
            {
                earliest = step;
            }
        }
        return earliest;
    }

    private void Fire(PendingStep step)
    {
        var label = new EscalationPosition(step.Iteration, step.LayerIndex).Label(Policy);
        if (config.FindUser(step.UserId) is null)
        {
            // Deleted after being paged: drop all of their steps at once rather than reporting each one.
            State = State with { PendingSteps = [.. State.PendingSteps.Where(s => s.UserId != step.UserId)] };
            Note(step.DueAt, EscalationNoteKind.Skipped,
                $"Skipped {step.UserId}'s remaining steps ({label}): no longer in the account configuration");
            return;
        }
        State = State with { PendingSteps = [.. State.PendingSteps.Where(s => !ReferenceEquals(s, step))] };
        _pages.Add(new Page(State.AccountId, State.IncidentNumber, step.UserId, step.Channel,
            step.LayerIndex, step.Iteration, step.StepIndex, step.DueAt));
        Note(step.DueAt, EscalationNoteKind.Paged, $"Paged {step.UserId} by {step.Channel.ToWire()} ({label})");
    }

    private void Note(DateTimeOffset at, EscalationNoteKind kind, string message) => _notes.Add(new(at, kind, message));
}
