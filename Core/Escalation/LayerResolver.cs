using Klaxon.Accounts;

namespace Klaxon.Escalation;

/// <summary>The users a layer pages at one instant, and what had to be skipped to find them.</summary>
/// <param name="Users">Distinct users in target order (first occurrence wins).</param>
/// <param name="Skips">Timeline text for targets that no longer exist.</param>
internal sealed record ResolvedLayer(IReadOnlyList<UserConfig> Users, IReadOnlyList<string> Skips);

/// <summary>Turns a layer's targets into users, using the current configuration and the on-call lookup.</summary>
internal static class LayerResolver
{
    public static ResolvedLayer Resolve(
        EscalationLayerSnapshot layer,
        string label,
        AccountConfig config,
        Func<string, DateTimeOffset, IReadOnlyList<string>?> onCall,
        DateTimeOffset at)
    {
        var users = new List<UserConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skips = new List<string>();

        void Add(string userId, string? viaSchedule)
        {
            // Deduplicate before the lookup so a deleted user listed twice is reported once.
            if (!seen.Add(userId))
            {
                return;
            }
            if (config.FindUser(userId) is { } user)
            {
                users.Add(user);
                return;
            }
            var via = viaSchedule is null ? "" : $" (on call on schedule '{viaSchedule}')";
            skips.Add($"Skipped user '{userId}'{via} in {label}: no longer in the account configuration");
        }

        foreach (var target in layer.Targets)
        {
            if (target.User is { } userId)
            {
                Add(userId, null);
            }
            else if (target.Schedule is { } scheduleId)
            {
                if (onCall(scheduleId, at) is not { } onCallIds)
                {
                    skips.Add($"Skipped schedule '{scheduleId}' in {label}: it no longer exists");
                    continue;
                }
                foreach (var id in onCallIds)
                {
                    Add(id, scheduleId);
                }
            }
            // A target with neither is rejected by the parser; there is nothing to page or report.
        }
        return new ResolvedLayer(users, skips);
    }
}
