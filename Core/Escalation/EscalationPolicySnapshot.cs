using Klaxon.Accounts;

namespace Klaxon.Escalation;

/// <summary>
/// A team's escalation policy copied when an incident starts escalating, so configuration edits never reshape an
/// incident in flight. Users and schedules stay references: who they are and who is on call is read when a layer starts.
/// </summary>
/// <param name="Layers">In paging order.</param>
/// <param name="Repeat">Extra passes through all layers after the first, 0 to <see cref="EscalationPolicyConfig.MaxRepeat"/>.</param>
public sealed record EscalationPolicySnapshot(IReadOnlyList<EscalationLayerSnapshot> Layers, int Repeat)
{
    /// <summary>
    /// Copies <paramref name="policy"/>. <c>escalateAfter</c> becomes exact elapsed time with calendar days counted as 24
    /// hours: a DST shift of an hour inside an escalation delay does not matter for paging. Repeat is clamped to 0–9.
    /// </summary>
    public static EscalationPolicySnapshot From(EscalationPolicyConfig policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var layers = policy.Layers
            .Select(layer => new EscalationLayerSnapshot([.. layer.Targets], layer.EscalateAfter.ApproximateTimeSpan))
            .ToArray();
        return new EscalationPolicySnapshot(layers, Math.Clamp(policy.Repeat, 0, EscalationPolicyConfig.MaxRepeat));
    }
}

/// <summary>One layer of a <see cref="EscalationPolicySnapshot"/>.</summary>
/// <param name="Targets">Users and schedules, resolved to users when the layer starts.</param>
/// <param name="EscalateAfter">How long the layer waits for an acknowledgement before the next one starts.</param>
public sealed record EscalationLayerSnapshot(IReadOnlyList<EscalationTarget> Targets, TimeSpan EscalateAfter);
