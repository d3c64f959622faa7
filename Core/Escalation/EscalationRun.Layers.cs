using System.Globalization;
using Klaxon.Accounts;

namespace Klaxon.Escalation;

internal sealed partial class EscalationRun
{
    /// <summary>Records the start and enters the first layer; an empty policy is exhausted at once.</summary>
    public void Start(DateTimeOffset now)
    {
        var layers = Policy.Layers.Count;
        Note(now, EscalationNoteKind.Started, string.Create(CultureInfo.InvariantCulture,
            $"Escalating through team '{State.TeamId}': {layers} {(layers == 1 ? "layer" : "layers")}, repeated {Policy.Repeat} more {(Policy.Repeat == 1 ? "time" : "times")}"));
        Enter(new EscalationPosition(0, 0), now);
    }

    /// <summary>
    /// Starts the first layer from <paramref name="start"/> onwards that has anyone on call at <paramref name="at"/>,
    /// skipping empty ones at once. Looks at most one full cycle ahead: further would only repeat the same layers at the
    /// same instant. If no layer of the policy has anyone, waits at <paramref name="start"/> for its delay and re-checks
    /// then; if only the rest of the policy is empty, the policy is exhausted now.
    /// </summary>
    public void Enter(EscalationPosition? start, DateTimeOffset at)
    {
        if (start is not { } first || Policy.Layers.Count == 0)
        {
            Exhaust(at);
            return;
        }

        // Each layer is resolved at most once per instant; the walk never visits a layer twice.
        var resolved = new ResolvedLayer?[Policy.Layers.Count];
        ResolvedLayer Resolve(EscalationPosition p) => resolved[p.LayerIndex] ??=
            LayerResolver.Resolve(Policy.Layers[p.LayerIndex], p.Label(Policy), config, onCall, at);

        var skips = new List<string>();
        EscalationPosition? next = first;
        for (var visited = 0; next is { } position && visited < Policy.Layers.Count; visited++, next = position.Next(Policy))
        {
            var layer = Resolve(position);
            skips.AddRange(layer.Skips);
            if (layer.Users.Count > 0)
            {
                StopPendingSteps(at);
                NoteAll(at, EscalationNoteKind.Skipped, skips);
                StartLayer(position, at, layer.Users);
                return;
            }
            skips.Add($"Skipped {position.Label(Policy)}: nobody on call");
        }

        var nobodyAnywhere = Enumerable.Range(0, Policy.Layers.Count)
            .All(index => Resolve(new EscalationPosition(first.Iteration, index)).Users.Count == 0);
        if (!nobodyAnywhere)
        {
            // People are on call, just not in what is left of the policy: skip the rest at once like any empty layer.
            NoteAll(at, EscalationNoteKind.Skipped, skips);
            Exhaust(at);
            return;
        }

        StopPendingSteps(at);
        if (!State.NobodyOnCall)
        {
            // Recorded once; later re-checks that still find nobody stay off the timeline.
            NoteAll(at, EscalationNoteKind.Skipped, skips);
            Note(at, EscalationNoteKind.NobodyOnCall,
                "Nobody is on call in any layer of the escalation policy; checking again at each layer boundary");
        }
        State = State with
        {
            Iteration = first.Iteration,
            LayerIndex = first.LayerIndex,
            LayerStartedAt = at,
            NextLayerAt = at + Policy.Layers[first.LayerIndex].EscalateAfter,
            NobodyOnCall = true,
        };
    }

    private void StartLayer(EscalationPosition position, DateTimeOffset at, IReadOnlyList<UserConfig> users)
    {
        Note(at, EscalationNoteKind.LayerStarted,
            $"Paging {position.Label(Policy)}: {string.Join(", ", users.Select(u => u.Id))}");
        var steps = new List<PendingStep>();
        foreach (var user in users)
        {
            var rules = UserRules.StepsFor(user, State.Urgency, out var fallback);
            if (fallback is not null)
            {
                Note(at, EscalationNoteKind.RulesFallback, fallback);
            }
            steps.AddRange(rules.Select((rule, index) => new PendingStep(
                user.Id, rule.Channel, at + rule.After.ApproximateTimeSpan, index, position.LayerIndex, position.Iteration)));
        }
        State = State with
        {
            Iteration = position.Iteration,
            LayerIndex = position.LayerIndex,
            LayerStartedAt = at,
            NextLayerAt = at + Policy.Layers[position.LayerIndex].EscalateAfter,
            NobodyOnCall = false,
            PendingSteps = steps,
        };
    }

    /// <summary>Ends the current layer's remaining steps, as PagerTree does: the next layer takes over.</summary>
    private void StopPendingSteps(DateTimeOffset at)
    {
        foreach (var userId in State.PendingSteps.Select(s => s.UserId).Distinct(StringComparer.Ordinal))
        {
            Note(at, EscalationNoteKind.StepsStopped,
                $"Stopped {userId}'s remaining steps: {Position.Label(Policy)} escalated");
        }
        State = State with { PendingSteps = [] };
    }

    /// <summary>
    /// Ends escalation for good. The last layer's pending steps keep running: with nobody left to hand over to, silencing
    /// the people already paged would only make an open incident quieter.
    /// </summary>
    private void Exhaust(DateTimeOffset at)
    {
        var cycles = Policy.Repeat + 1;
        var tail = State.PendingSteps.Count > 0 ? "; remaining notification steps still run" : "";
        Note(at, EscalationNoteKind.Exhausted, string.Create(CultureInfo.InvariantCulture,
            $"Escalation policy exhausted after {cycles} {(cycles == 1 ? "cycle" : "cycles")}; incident stays open{tail}"));
        State = State with { Status = EscalationStatus.Exhausted, NextLayerAt = null };
    }

    private void NoteAll(DateTimeOffset at, EscalationNoteKind kind, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Note(at, kind, message);
        }
    }
}
