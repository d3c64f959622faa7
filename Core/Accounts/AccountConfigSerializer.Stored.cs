using System.Globalization;
using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

public static partial class AccountConfigSerializer
{
    /// <summary>
    /// Reads what <see cref="ToStoredJson"/> wrote. The input is trusted (it was validated before it was
    /// stored), so this only maps fields and does not re-validate: a rule tightened later must not make
    /// existing accounts unreadable. Throws <see cref="JsonException"/>, <see cref="InvalidDataException"/>,
    /// <see cref="InvalidOperationException"/> or <see cref="FormatException"/> on a corrupt document.
    /// Tokens come back as <see cref="IntegrationConfig.TokenHash"/> only.
    /// </summary>
    public static AccountConfig FromStoredJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new AccountConfig(
            Text(root, "id"),
            Text(root, "name"),
            Items(root, "users", ReadUser),
            Items(root, "schedules", ReadSchedule),
            Items(root, "teams", ReadTeam),
            Items(root, "integrations", ReadIntegration))
        {
            Maintenance = ReadMaintenance(root),
            OutgoingWebhooks = root.TryGetProperty("outgoingWebhooks", out _) ? Items(root, "outgoingWebhooks", ReadOutgoingWebhook) : [],
        };
    }

    private static OutgoingWebhookConfig ReadOutgoingWebhook(JsonElement webhook) => new(
        Text(webhook, "id"),
        Text(webhook, "url"),
        Items(webhook, "events", kind => WireNames.Parse<IncidentEventKind>(kind.GetString() ?? throw Corrupt("events"))),
        Required(webhook, "enabled").GetBoolean(),
        OptionalText(webhook, "secret"));

    private static UserConfig ReadUser(JsonElement user)
    {
        var rules = new Dictionary<Urgency, IReadOnlyList<NotificationStep>>();
        foreach (var rule in Required(user, "notificationRules").EnumerateObject())
        {
            if (!WireNames.TryParse<Urgency>(rule.Name, out var urgency, lenient: true))
            {
                throw new InvalidDataException($"Stored account config has an unknown urgency '{rule.Name}'.");
            }
            rules[urgency] = rule.Value.EnumerateArray().Select(ReadStep).ToList().AsReadOnly();
        }
        return new UserConfig(
            Text(user, "id"),
            Text(user, "name"),
            OptionalText(user, "email"),
            OptionalText(user, "phone"),
            Text(user, "timeZone"),
            rules.AsReadOnly(),
            user.TryGetProperty("logins", out var logins) ? [.. logins.EnumerateArray().Select(l => l.GetString() ?? throw Corrupt("logins"))] : null,
            user.TryGetProperty("role", out var role) && WireNames.TryParse<UserRole>(role.GetString(), out var parsedRole) ? parsedRole : UserRole.Responder);
    }

    private static NotificationStep ReadStep(JsonElement step)
    {
        var channel = Text(step, "channel");
        return WireNames.TryParse<NotificationChannel>(channel, out var parsed)
            ? new NotificationStep(parsed, Duration(step, "after"))
            : throw new InvalidDataException($"Stored account config has an unknown channel '{channel}'.");
    }

    private static ScheduleConfig ReadSchedule(JsonElement schedule) => new(
        Text(schedule, "id"),
        Text(schedule, "timeZone"),
        Items(schedule, "rotations", rotation => new RotationConfig(
            Items(rotation, "users", user => user.GetString() ?? throw Corrupt("users")),
            DateTime.ParseExact(Text(rotation, "start"), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            Duration(rotation, "length"),
            // Absent in documents stored before restrictions existed, and whenever there are none.
            rotation.TryGetProperty("restrictions", out var windows) ? windows.EnumerateArray().Select(ReadRestriction).ToList().AsReadOnly() : [])),
        Items(schedule, "overrides", entry => new OverrideConfig(
            Text(entry, "user"),
            Instant(entry, "start"),
            Instant(entry, "end"))));

    private static RestrictionConfig ReadRestriction(JsonElement window) => new(
        Items(window, "days", day =>
        {
            var name = day.GetString();
            return AccountConfigParser.DayNames.FirstOrDefault(d => d.Name == name) is { Name: not null } known
                ? known.Day
                : throw new InvalidDataException($"Stored account config has an unknown day '{name}'.");
        }),
        TimeOnly.ParseExact(Text(window, "start"), "HH:mm", CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(Text(window, "end"), "HH:mm", CultureInfo.InvariantCulture));

    private static TeamConfig ReadTeam(JsonElement team)
    {
        var policy = Required(team, "escalationPolicy");
        return new TeamConfig(
            Text(team, "id"),
            Text(team, "name"),
            new EscalationPolicyConfig(
                Items(policy, "layers", layer => new EscalationLayerConfig(
                    Items(layer, "targets", target => new EscalationTarget(OptionalText(target, "user"), OptionalText(target, "schedule"))),
                    Duration(layer, "escalateAfter"))),
                Required(policy, "repeat").GetInt32()))
        {
            Chat = team.TryGetProperty("chat", out _)
                ? Items(team, "chat", chat => new ChatTargetConfig(WireNames.Parse<ChatKind>(Text(chat, "kind")), Text(chat, "url")))
                : [],
        };
    }

    private static IntegrationConfig ReadIntegration(JsonElement integration)
    {
        var urgency = Text(integration, "urgency");
        var type = Text(integration, "type");
        return new IntegrationConfig(
            Text(integration, "id"),
            Text(integration, "name"),
            WireNames.TryParse<IntegrationType>(type, out var parsedType) ? parsedType : throw new InvalidDataException($"Stored account config has an unknown integration type '{type}'."),
            WireNames.TryParse<Urgency>(urgency, out var parsed, lenient: true) ? parsed : throw new InvalidDataException($"Stored account config has an unknown urgency '{urgency}'."),
            Text(integration, "team"),
            Required(integration, "enabled").GetBoolean(),
            Token: null,
            TokenHash: OptionalText(integration, "tokenHash"),
            Heartbeat: OptionalText(integration, "interval") is { } interval
                ? new HeartbeatConfig(IsoDuration.Parse(interval), Duration(integration, "grace"))
                : null);
    }

    private static IReadOnlyList<T> Items<T>(JsonElement parent, string name, Func<JsonElement, T> read) =>
        Required(parent, name).EnumerateArray().Select(read).ToList().AsReadOnly();

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value : throw Corrupt(name);

    private static string Text(JsonElement parent, string name) => Required(parent, name).GetString() ?? throw Corrupt(name);

    private static string? OptionalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static IsoDuration Duration(JsonElement parent, string name) => IsoDuration.Parse(Text(parent, name));

    private static DateTimeOffset Instant(JsonElement parent, string name) =>
        DateTimeOffset.Parse(Text(parent, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static InvalidDataException Corrupt(string name) => new($"Stored account config is missing '{name}' or has it as null.");
}
