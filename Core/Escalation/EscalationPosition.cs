using System.Globalization;

namespace Klaxon.Escalation;

/// <summary>A (cycle, layer) place in a policy, 0-based. The engine only ever moves forwards through these.</summary>
internal readonly record struct EscalationPosition(int Iteration, int LayerIndex)
{
    /// <summary>The following layer, wrapping into the next cycle; null after the last layer of the last cycle.</summary>
    public EscalationPosition? Next(EscalationPolicySnapshot policy) =>
        LayerIndex + 1 < policy.Layers.Count ? new(Iteration, LayerIndex + 1)
        : Iteration < policy.Repeat ? new(Iteration + 1, 0)
        : null;

    /// <summary>1-based text for the timeline; the cycle is only mentioned when the policy repeats.</summary>
    public string Label(EscalationPolicySnapshot policy) => policy.Repeat == 0
        ? string.Create(CultureInfo.InvariantCulture, $"layer {LayerIndex + 1}")
        : string.Create(CultureInfo.InvariantCulture, $"layer {LayerIndex + 1} in cycle {Iteration + 1} of {policy.Repeat + 1}");
}
