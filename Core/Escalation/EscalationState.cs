using Klaxon.Common;

namespace Klaxon.Escalation;

/// <summary>Whether an incident is still escalating.</summary>
public enum EscalationStatus
{
    /// <summary>Paging and escalating; <see cref="EscalationState.NextLayerAt"/> is set.</summary>
    Active,

    /// <summary>Acknowledged or resolved: nothing pages any more, ever.</summary>
    Stopped,

    /// <summary>Every layer of every cycle has passed; the incident stays open and the last layer's steps run out.</summary>
    Exhausted,
}

/// <summary>
/// Where one incident is in its team's escalation policy. Immutable: the engine returns a new value with
/// <see cref="Version"/> one higher whenever anything changed, so a store can write it with optimistic concurrency
/// and skip the write when the version did not move. Serializable with <see cref="KlaxonJson.Options"/>.
/// </summary>
/// <remarks>Layer and iteration numbers are 0-based here and in <see cref="Page"/>; timeline text shows them 1-based.</remarks>
public sealed record EscalationState
{
    public required string AccountId { get; init; }

    public required long IncidentNumber { get; init; }

    /// <summary>Chooses each paged user's notification rules.</summary>
    public required Urgency Urgency { get; init; }

    public required string TeamId { get; init; }

    /// <summary>The team's policy as it was when escalation started; later configuration edits do not reshape it.</summary>
    public required EscalationPolicySnapshot Policy { get; init; }

    /// <summary>0-based index into <see cref="EscalationPolicySnapshot.Layers"/> of the current layer. Starts at 0.</summary>
    public required int LayerIndex { get; init; }

    /// <summary>0-based pass through the policy: 0 is the first pass, the last is <see cref="EscalationPolicySnapshot.Repeat"/>.</summary>
    public required int Iteration { get; init; }

    /// <summary>When the current layer started (a boundary instant, not the time of the sweep that noticed it).</summary>
    public required DateTimeOffset LayerStartedAt { get; init; }

    public required EscalationStatus Status { get; init; }

    /// <summary>Why paging stopped, e.g. <c>acknowledged by alice</c>; null unless <see cref="EscalationStatus.Stopped"/>.</summary>
    public string? StopReason { get; init; }

    /// <summary>Notification steps not yet sent, in creation order (layer order of users, then step order). Default empty.</summary>
    public IReadOnlyList<PendingStep> PendingSteps { get; init; } = [];

    /// <summary>When the current layer escalates; null unless <see cref="EscalationStatus.Active"/>.</summary>
    public DateTimeOffset? NextLayerAt { get; init; }

    /// <summary>
    /// True while no layer of the policy had anyone on call at the last check; the engine then re-checks at each layer
    /// boundary without repeating the timeline entry. Default false.
    /// </summary>
    public bool NobodyOnCall { get; init; }

    /// <summary>The integration the incident came in through, for integration maintenance windows; null in states stored before it was kept.</summary>
    public string? IntegrationId { get; init; }

    /// <summary>
    /// Set while paging is paused for maintenance (see <see cref="EscalationPause"/>): nothing is pending, and at this
    /// instant the runner checks again whether the window is over. Null otherwise (the default).
    /// </summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Increases by one with every change; 1 after <see cref="EscalationEngine.Start"/>.</summary>
    public long Version { get; init; }
}
