using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Tests.Escalation;

/// <summary>Small builders for the configuration records the engine reads; every test states only what it needs.</summary>
internal static class EscalationConfigs
{
    public static NotificationStep Sms(int minutes = 0) => Step(NotificationChannel.Sms, minutes);

    public static NotificationStep Voice(int minutes) => Step(NotificationChannel.Voice, minutes);

    public static NotificationStep Email(int minutes) => Step(NotificationChannel.Email, minutes);

    public static NotificationStep Step(NotificationChannel channel, int minutes) =>
        new(channel, IsoDuration.FromTime(TimeSpan.FromMinutes(minutes)));

    /// <summary>A user whose rules are for high urgency, the urgency <see cref="EscalationDriver"/> uses by default.</summary>
    public static UserConfig User(string id, params NotificationStep[] highSteps) =>
        UserWithRules(id, new Dictionary<Urgency, IReadOnlyList<NotificationStep>> { [Urgency.High] = highSteps });

    public static UserConfig UserWithRules(
        string id, IReadOnlyDictionary<Urgency, IReadOnlyList<NotificationStep>> rules, string? email = null, string? phone = null) =>
        new(id, id.ToUpperInvariant(), email, phone, UserConfig.DefaultTimeZone, rules);

    public static EscalationTarget U(string userId) => EscalationTarget.ForUser(userId);

    public static EscalationTarget S(string scheduleId) => EscalationTarget.ForSchedule(scheduleId);

    public static EscalationLayerConfig Layer(int minutes, params EscalationTarget[] targets) =>
        new(targets, IsoDuration.FromTime(TimeSpan.FromMinutes(minutes)));

    public static TeamConfig Team(int repeat, params EscalationLayerConfig[] layers) =>
        new("ops", "Operations", new EscalationPolicyConfig(layers, repeat));

    public static AccountConfig Account(TeamConfig team, params UserConfig[] users) =>
        new("acct", "Account", users, [], [team], []);
}
