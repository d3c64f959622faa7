namespace Klaxon.Accounts;

/// <summary>How an unacknowledged incident escalates through a team.</summary>
/// <param name="Layers">1 to <see cref="MaxLayers"/> layers, paged in order.</param>
/// <param name="Repeat">How many more times to run through all layers after the first pass; 0 to <see cref="MaxRepeat"/>, default 0.</param>
public sealed record EscalationPolicyConfig(IReadOnlyList<EscalationLayerConfig> Layers, int Repeat)
{
    /// <summary>Upper bound on layers; a longer chain is almost certainly a mistake and slows every incident.</summary>
    public const int MaxLayers = 20;

    /// <summary>Upper bound on repeats, so a forgotten incident cannot page forever.</summary>
    public const int MaxRepeat = 9;

    public bool Equals(EscalationPolicyConfig? other) =>
        other is not null
        && Structural.ListEquals(Layers, other.Layers)
        && Repeat == other.Repeat;

    public override int GetHashCode() => HashCode.Combine(Structural.ListHash(Layers), Repeat);
}
