using Klaxon.Accounts;

namespace Klaxon.App;

/// <summary>
/// The teams a user belongs to for the app's "yours first" ordering: teams whose escalation policy pages them directly
/// or through a schedule that has them in a rotation or an override.
/// </summary>
public static class PersonTeams
{
    public static IReadOnlySet<string> Of(AccountConfig account, string userId)
    {
        ArgumentNullException.ThrowIfNull(account);
        var schedules = account.Schedules
            .Where(s => s.Rotations.Any(r => r.Users.Contains(userId)) || s.Overrides.Any(o => o.User == userId))
            .Select(s => s.Id)
            .ToHashSet(StringComparer.Ordinal);
        return account.Teams
            .Where(t => t.EscalationPolicy.Layers.SelectMany(l => l.Targets)
                .Any(target => target.User == userId || (target.Schedule is { } s && schedules.Contains(s))))
            .Select(t => t.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
