using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>
/// Writes an <see cref="AccountConfig"/> as JSON in the same shape the parser reads, with every default
/// written out explicitly: durations in canonical form, rotation starts as local <c>yyyy-MM-ddTHH:mm:ss</c>,
/// instants as RFC 3339 UTC (<c>...Z</c>), restriction days listed even when they are all seven. A rotation
/// without restrictions has no <c>restrictions</c> property. Plaintext tokens are never written.
/// </summary>
public static partial class AccountConfigSerializer
{
    // Relaxed escaping keeps '+' in phone numbers and non-ASCII names readable. These documents are
    // served as application/json and stored, never embedded in HTML, which is what the strict default guards.
    private static readonly JsonWriterOptions StoredOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions PublicOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>
    /// The form kept in storage: compact, with <c>tokenHash</c> for integrations that have a token. A plaintext
    /// <see cref="IntegrationConfig.Token"/> (a fresh one from a PUT) is hashed here and wins over an older
    /// <see cref="IntegrationConfig.TokenHash"/>, so the plaintext can never reach storage by mistake.
    /// </summary>
    public static string ToStoredJson(AccountConfig config) => Write(config, StoredOptions, includeTokenHash: true);

    /// <summary>
    /// The document as a GET returns it: the input format, indented for people who keep it in version
    /// control, with neither <c>token</c> nor <c>tokenHash</c>. It parses back to an equal model minus tokens.
    /// </summary>
    public static string ToPublicJson(AccountConfig config) => Write(config, PublicOptions, includeTokenHash: false);

    private static string Write(AccountConfig config, JsonWriterOptions options, bool includeTokenHash)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", config.Id);
            writer.WriteString("name", config.Name);
            WriteArray(writer, "users", config.Users, WriteUser);
            WriteArray(writer, "schedules", config.Schedules, WriteSchedule);
            WriteArray(writer, "teams", config.Teams, WriteTeam);
            WriteArray(writer, "integrations", config.Integrations, (w, i) => WriteIntegration(w, i, includeTokenHash));
            WriteMaintenance(writer, config.Maintenance);
            // Left out when empty, so documents from before outgoing webhooks read and write as they did.
            if (config.OutgoingWebhooks.Count > 0)
            {
                WriteArray(writer, "outgoingWebhooks", config.OutgoingWebhooks, (w, hook) => WriteOutgoingWebhook(w, hook, includeSecret: includeTokenHash));
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteUser(Utf8JsonWriter writer, UserConfig user)
    {
        writer.WriteStartObject();
        writer.WriteString("id", user.Id);
        writer.WriteString("name", user.Name);
        if (user.Email is not null)
        {
            writer.WriteString("email", user.Email);
        }
        if (user.Phone is not null)
        {
            writer.WriteString("phone", user.Phone);
        }
        writer.WriteString("timeZone", user.TimeZone);
        if (user.SignInNames.Count > 0)
        {
            WriteArray(writer, "logins", user.SignInNames, (w, login) => w.WriteStringValue(login));
        }
        if (user.Role != UserRole.Responder)
        {
            writer.WriteString("role", user.Role.ToWire());
        }
        writer.WriteStartObject("notificationRules");
        // Urgency order rather than dictionary order, so the output is stable and diffs stay small.
        foreach (var (urgency, steps) in user.NotificationRules.OrderBy(rule => rule.Key))
        {
            WriteArray(writer, urgency.ToWire(), steps, WriteStep);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, NotificationStep step)
    {
        writer.WriteStartObject();
        writer.WriteString("channel", step.Channel.ToWire());
        writer.WriteString("after", step.After.ToString());
        writer.WriteEndObject();
    }

    private static void WriteSchedule(Utf8JsonWriter writer, ScheduleConfig schedule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", schedule.Id);
        writer.WriteString("timeZone", schedule.TimeZone);
        WriteArray(writer, "rotations", schedule.Rotations, WriteRotation);
        WriteArray(writer, "overrides", schedule.Overrides, WriteOverride);
        writer.WriteEndObject();
    }

    private static void WriteRotation(Utf8JsonWriter writer, RotationConfig rotation)
    {
        writer.WriteStartObject();
        WriteArray(writer, "users", rotation.Users, (w, user) => w.WriteStringValue(user));
        writer.WriteString("start", rotation.Start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteString("length", rotation.Length.ToString());
        // Left out when empty: the parser refuses an empty list, which would read as "never applies".
        if (rotation.Restrictions.Count > 0)
        {
            WriteArray(writer, "restrictions", rotation.Restrictions, WriteRestriction);
        }
        writer.WriteEndObject();
    }

    private static void WriteRestriction(Utf8JsonWriter writer, RestrictionConfig window)
    {
        writer.WriteStartObject();
        WriteArray(writer, "days", window.Days, (w, day) => w.WriteStringValue(DayName(day)));
        writer.WriteString("start", window.Start.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WriteString("end", window.End.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static string DayName(DayOfWeek day) => AccountConfigParser.DayNames.First(d => d.Day == day).Name;

    private static void WriteOverride(Utf8JsonWriter writer, OverrideConfig entry)
    {
        writer.WriteStartObject();
        writer.WriteString("user", entry.User);
        writer.WriteString("start", FormatInstant(entry.Start));
        writer.WriteString("end", FormatInstant(entry.End));
        writer.WriteEndObject();
    }

    private static void WriteTeam(Utf8JsonWriter writer, TeamConfig team)
    {
        writer.WriteStartObject();
        writer.WriteString("id", team.Id);
        writer.WriteString("name", team.Name);
        writer.WriteStartObject("escalationPolicy");
        WriteArray(writer, "layers", team.EscalationPolicy.Layers, WriteLayer);
        writer.WriteNumber("repeat", team.EscalationPolicy.Repeat);
        writer.WriteEndObject();
        if (team.Chat.Count > 0)
        {
            WriteArray(writer, "chat", team.Chat, (w, chat) =>
            {
                w.WriteStartObject();
                w.WriteString("kind", chat.Kind.ToWire());
                w.WriteString("url", chat.Url);
                w.WriteEndObject();
            });
        }
        writer.WriteEndObject();
    }

    /// <param name="includeSecret">Only in the stored form: the signature needs the secret itself, and a GET never shows it.</param>
    private static void WriteOutgoingWebhook(Utf8JsonWriter writer, OutgoingWebhookConfig webhook, bool includeSecret)
    {
        writer.WriteStartObject();
        writer.WriteString("id", webhook.Id);
        writer.WriteString("url", webhook.Url);
        WriteArray(writer, "events", webhook.Events, (w, kind) => w.WriteStringValue(kind.ToWire()));
        writer.WriteBoolean("enabled", webhook.Enabled);
        if (includeSecret && webhook.Secret is not null)
        {
            writer.WriteString("secret", webhook.Secret);
        }
        writer.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter writer, EscalationLayerConfig layer)
    {
        writer.WriteStartObject();
        WriteArray(writer, "targets", layer.Targets, WriteTarget);
        writer.WriteString("escalateAfter", layer.EscalateAfter.ToString());
        writer.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter writer, EscalationTarget target)
    {
        writer.WriteStartObject();
        if (target.User is not null)
        {
            writer.WriteString("user", target.User);
        }
        if (target.Schedule is not null)
        {
            writer.WriteString("schedule", target.Schedule);
        }
        writer.WriteEndObject();
    }

    private static void WriteIntegration(Utf8JsonWriter writer, IntegrationConfig integration, bool includeTokenHash)
    {
        writer.WriteStartObject();
        writer.WriteString("id", integration.Id);
        writer.WriteString("name", integration.Name);
        writer.WriteString("type", integration.Type.ToWire());
        writer.WriteString("urgency", integration.Urgency.ToWire());
        writer.WriteString("team", integration.Team);
        writer.WriteBoolean("enabled", integration.Enabled);
        if (integration.Heartbeat is { } heartbeat)
        {
            writer.WriteString("interval", heartbeat.Interval.ToString());
            writer.WriteString("grace", heartbeat.Grace.ToString());
        }
        var tokenHash = integration.Token is not null ? IntegrationTokens.Hash(integration.Token) : integration.TokenHash;
        if (includeTokenHash && tokenHash is not null)
        {
            writer.WriteString("tokenHash", tokenHash);
        }
        writer.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(writer, item);
        }
        writer.WriteEndArray();
    }

    /// <summary>RFC 3339 in UTC, with fractional seconds only when there are any.</summary>
    private static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
