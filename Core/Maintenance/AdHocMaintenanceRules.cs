using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Maintenance;

/// <summary>
/// The rules for starting an ad hoc window: <c>{"team"|"integration", "minutes", "reason"?, "user"?}</c>. Each problem
/// names its field.
/// </summary>
public static class AdHocMaintenanceRules
{
    /// <summary>Longest ad hoc window: 10,080 minutes (7 days). Longer quiet belongs in the document, where it is reviewed.</summary>
    public const int MaxMinutes = 7 * 24 * 60;

    /// <summary>Longest reason: 200 characters, like names in the document.</summary>
    public const int MaxReasonLength = AccountConfigParser.MaxMaintenanceReasonLength;

    /// <param name="minutes">Null when absent or not a whole number.</param>
    public static IReadOnlyList<FieldError> Check(AccountConfig config, string? team, string? integration, long? minutes, string? reason, string? user)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<FieldError>();
        if ((team is null) == (integration is null))
        {
            errors.Add(new FieldError(team is null ? "team" : "integration", "exactly one of team and integration is required"));
        }
        else if (team is not null && config.FindTeam(team) is null)
        {
            errors.Add(new FieldError("team", $"must be a team id of account {config.Id}; '{team}' is not one"));
        }
        else if (integration is not null && config.FindIntegration(integration) is null)
        {
            errors.Add(new FieldError("integration", $"must be an integration id of account {config.Id}; '{integration}' is not one"));
        }
        if (minutes is not (>= 1 and <= MaxMinutes))
        {
            errors.Add(new FieldError("minutes", $"is required: a whole number of minutes from 1 to {MaxMinutes} (7 days)"));
        }
        if (reason is { Length: > MaxReasonLength })
        {
            errors.Add(new FieldError("reason", $"must be at most {MaxReasonLength} characters"));
        }
        if (user is not null && config.FindUser(user) is null)
        {
            errors.Add(new FieldError("user", $"must be a user id of account {config.Id}; '{user}' is not one"));
        }
        return errors;
    }
}
