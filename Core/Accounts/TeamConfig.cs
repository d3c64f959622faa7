namespace Klaxon.Accounts;

/// <summary>A group that owns integrations and is paged through its escalation policy.</summary>
/// <param name="Id">Unique within the account ignoring case; references to it are case-sensitive.</param>
/// <param name="Name">Display name, required.</param>
/// <param name="EscalationPolicy">Required.</param>
public sealed record TeamConfig(string Id, string Name, EscalationPolicyConfig EscalationPolicy)
{
    /// <summary>Slack and Teams channels its incidents are posted to (<c>chat</c>); default none.</summary>
    public IReadOnlyList<ChatTargetConfig> Chat { get; init; } = [];

    public bool Equals(TeamConfig? other) =>
        other is not null && Id == other.Id && Name == other.Name && EscalationPolicy == other.EscalationPolicy && Structural.ListEquals(Chat, other.Chat);

    public override int GetHashCode() => HashCode.Combine(Id, Name, EscalationPolicy, Chat.Count);
}
