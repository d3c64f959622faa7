using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>An inbound alert source that opens incidents for a team.</summary>
/// <param name="Id">Unique within the account ignoring case; GUIDs are typical.</param>
/// <param name="Name">Display name, required.</param>
/// <param name="Type">The format its sender speaks; defaults to <see cref="IntegrationType.Webhook"/>.</param>
/// <param name="Urgency">Urgency of incidents it opens; defaults to <see cref="Urgency.High"/>.</param>
/// <param name="Team">Id of the team that is paged.</param>
/// <param name="Enabled">Disabled integrations reject alerts; defaults to true.</param>
/// <param name="Token">
/// The plaintext secret, only as received in a PUT; never stored and never returned. Null otherwise.
/// </param>
/// <param name="TokenHash">The stored form (see <see cref="IntegrationTokens.Hash"/>); null when there is no token.</param>
/// <param name="Heartbeat">For <see cref="IntegrationType.Heartbeat"/> only: its interval and grace; null for other types.</param>
public sealed record IntegrationConfig(
    string Id,
    string Name,
    IntegrationType Type,
    Urgency Urgency,
    string Team,
    bool Enabled,
    string? Token,
    string? TokenHash,
    HeartbeatConfig? Heartbeat = null)
{
    /// <summary>The urgency when a document does not say: an alert someone wired up is usually worth a page.</summary>
    public const Urgency DefaultUrgency = Urgency.High;
}
