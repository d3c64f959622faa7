namespace Klaxon.Accounts;

/// <summary>Who a layer pages: exactly one of a user id or a schedule id (whoever is on call on it).</summary>
public sealed record EscalationTarget(string? User, string? Schedule)
{
    public static EscalationTarget ForUser(string userId) => new(userId, null);

    public static EscalationTarget ForSchedule(string scheduleId) => new(null, scheduleId);
}
