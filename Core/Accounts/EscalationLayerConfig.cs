namespace Klaxon.Accounts;

/// <summary>
/// One escalation step: page every target, and move to the next layer if nobody acknowledged within
/// <paramref name="EscalateAfter"/> (at least one second).
/// </summary>
public sealed record EscalationLayerConfig(IReadOnlyList<EscalationTarget> Targets, IsoDuration EscalateAfter)
{
    public bool Equals(EscalationLayerConfig? other) =>
        other is not null
        && Structural.ListEquals(Targets, other.Targets)
        && EscalateAfter == other.EscalateAfter;

    public override int GetHashCode() => HashCode.Combine(Structural.ListHash(Targets), EscalateAfter);
}
