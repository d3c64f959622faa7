namespace Klaxon.Accounts;

/// <summary>
/// One account's whole configuration, as one document ("configuration as code"). Every collection
/// defaults to empty. Ids are unique per collection ignoring case, but lookups are case-sensitive,
/// matching how references inside the document are checked.
/// </summary>
public sealed record AccountConfig(
    string Id,
    string Name,
    IReadOnlyList<UserConfig> Users,
    IReadOnlyList<ScheduleConfig> Schedules,
    IReadOnlyList<TeamConfig> Teams,
    IReadOnlyList<IntegrationConfig> Integrations)
{
    /// <summary>Scheduled maintenance windows (<c>$.maintenance</c>). Defaults to empty.</summary>
    public IReadOnlyList<MaintenanceWindowConfig> Maintenance { get; init; } = [];

    // Linear scans: an account has tens of entries, not thousands, and this keeps the record trivially immutable.

    public UserConfig? FindUser(string id) => Users.FirstOrDefault(u => u.Id == id);

    /// <summary>The user who signs in as <paramref name="login"/> (ignoring case), or null: logins are unique per account.</summary>
    public UserConfig? FindUserByLogin(string login) => Users.FirstOrDefault(u => u.HasLogin(login));

    public ScheduleConfig? FindSchedule(string id) => Schedules.FirstOrDefault(s => s.Id == id);

    public TeamConfig? FindTeam(string id) => Teams.FirstOrDefault(t => t.Id == id);

    public IntegrationConfig? FindIntegration(string id) => Integrations.FirstOrDefault(i => i.Id == id);

    /// <summary>Endpoints subscribed to incident events (<c>outgoingWebhooks</c>); default none.</summary>
    public IReadOnlyList<OutgoingWebhookConfig> OutgoingWebhooks { get; init; } = [];

    public OutgoingWebhookConfig? FindOutgoingWebhook(string id) => OutgoingWebhooks.FirstOrDefault(w => w.Id == id);

    public bool Equals(AccountConfig? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Structural.ListEquals(Users, other.Users)
        && Structural.ListEquals(Schedules, other.Schedules)
        && Structural.ListEquals(Teams, other.Teams)
        && Structural.ListEquals(Integrations, other.Integrations)
        && Structural.ListEquals(Maintenance, other.Maintenance)
        && Structural.ListEquals(OutgoingWebhooks, other.OutgoingWebhooks);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Users.Count, Schedules.Count, Teams.Count, Integrations.Count);
}
