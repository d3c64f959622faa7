namespace Klaxon.Accounts;

/// <summary>A group that owns integrations and is paged through its escalation policy.</summary>
/// <param name="Id">Unique within the account ignoring case; references to it are case-sensitive.</param>
/// <param name="Name">Display name, required.</param>
/// <param name="EscalationPolicy">Required.</param>
public sealed record TeamConfig(string Id, string Name, EscalationPolicyConfig EscalationPolicy);
