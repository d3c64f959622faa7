using System.Collections.Immutable;

namespace Klaxon.Incidents;

/// <summary>
/// Everything decided so far for one dedup key (account, integration, sender's <c>Id</c>): the current incident, the one
/// before it (so late events can be placed), and acknowledge/resolve actions received for a key with no incident to
/// apply them to yet.
/// </summary>
public sealed record AlertKeyState(
    IncidentSummary? Current,
    IncidentSummary? Previous,
    ImmutableList<PendingAction> Pending)
{
    /// <summary>Pending actions beyond this many are dropped oldest first; they only matter within a reorder window.</summary>
    public const int PendingCapacity = 16;

    public static AlertKeyState Empty { get; } = new(null, null, []);
}

/// <summary>An acknowledge or resolve kept until an incident it belongs to exists.</summary>
public sealed record PendingAction(IncidentActionKind Kind, EventOrder Order, string Source, string Actor);
