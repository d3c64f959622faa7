using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>
/// Parses a PagerDuty Events API v2 event (what Alertmanager's <c>pagerduty_configs</c>, Grafana's PagerDuty contact
/// point, Uptime Kuma and Zabbix send), e.g.
/// <c>{"routing_key":"…","event_action":"trigger","dedup_key":"db1-disk","payload":{"summary":"Disk full","source":"db1","severity":"critical"}}</c>,
/// into the same <see cref="WebhookEvent"/> the PagerTree-style webhook produces.
/// </summary>
/// <remarks>
/// <para>Field names are PagerDuty's and case-sensitive, as PagerDuty's are. <c>trigger</c> opens (or adds an alert to)
/// the incident keyed by <c>dedup_key</c>; <c>acknowledge</c> and <c>resolve</c> need the <c>dedup_key</c>, and their
/// <c>payload</c> is ignored, as PagerDuty ignores it. <c>payload.summary</c> is the title; <c>payload.severity</c> maps
/// to urgency (<see cref="UrgencyOf"/>); everything else PagerDuty keeps on an alert is kept in details under its
/// PagerDuty name. Unknown fields are ignored, as PagerDuty ignores them. JSON <c>null</c> in an optional field is
/// absent. Every problem is reported at once.</para>
/// </remarks>
public static class PagerDutyEventParser
{
    /// <summary>Longest <c>dedup_key</c>, PagerDuty's limit.</summary>
    public const int MaxDedupKeyLength = 255;

    /// <summary>Longest <c>payload.summary</c>, PagerDuty's limit (Alertmanager truncates to it).</summary>
    public const int MaxSummaryLength = 1024;

    /// <summary>Longest of the other short texts (<c>source</c>, <c>component</c>, <c>group</c>, <c>class</c>, <c>client</c>, …).</summary>
    public const int MaxTextLength = 1024;

    private static readonly string[] PayloadTexts = ["component", "group", "class"];

    /// <summary>
    /// Parses a UTF-8 body. A <c>trigger</c> without a <c>dedup_key</c> gets <paramref name="generatedDedupKey"/>.
    /// With <paramref name="requireRoutingKey"/> false (the integration URL, whose token already says which
    /// integration), a missing <c>routing_key</c> is fine.
    /// </summary>
    public static PagerDutyParseResult Parse(ReadOnlyMemory<byte> utf8Body, string generatedDedupKey, bool requireRoutingKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(generatedDedupKey);
        return JsonBody.TryReadObject(utf8Body, out var root, out var bodyError)
            ? JsonBody.Guard(() => ParseObject(root, generatedDedupKey, requireRoutingKey), errors => PagerDutyParseResult.Failure(null, errors))
            : PagerDutyParseResult.Failure(null, [bodyError]);
    }

    /// <summary>
    /// PagerDuty severity to urgency: <c>critical</c> → critical, <c>error</c> → high, <c>warning</c> → medium,
    /// <c>info</c> → low. Null for anything else.
    /// </summary>
    public static Urgency? UrgencyOf(string severity) => severity switch
    {
        "critical" => Urgency.Critical,
        "error" => Urgency.High,
        "warning" => Urgency.Medium,
        "info" => Urgency.Low,
        _ => null,
    };

    private static PagerDutyParseResult ParseObject(JsonElement body, string generatedDedupKey, bool requireRoutingKey)
    {
        var errors = new List<FieldError>();
        var routingKey = Text(body, "routing_key", "routing_key", requireRoutingKey, int.MaxValue, errors);

        WebhookEventType? action = null;
        if (Text(body, "event_action", "event_action", required: true, int.MaxValue, errors) is { } actionText)
        {
            action = actionText switch
            {
                "trigger" => WebhookEventType.Create,
                "acknowledge" => WebhookEventType.Acknowledge,
                "resolve" => WebhookEventType.Resolve,
                _ => null,
            };
            if (action is null)
            {
                errors.Add(new("event_action", "must be one of trigger, acknowledge or resolve"));
            }
        }
        var isTrigger = action == WebhookEventType.Create;
        var dedupKey = Text(body, "dedup_key", "dedup_key", required: action is not null && !isTrigger, MaxDedupKeyLength, errors);

        var details = new JsonObject();
        string? title = null;
        var description = new StringBuilder();
        Urgency? urgency = null;
        if (isTrigger)
        {
            (title, urgency) = ReadPayload(body, details, description, errors);
        }
        foreach (var name in (string[])["client", "client_url"])
        {
            if (Text(body, name, name, required: false, MaxTextLength, errors) is { } text)
            {
                details[name] = text;
            }
        }
        ReadList(body, "links", "href", ["text"], details, errors);
        ReadList(body, "images", "src", ["href", "alt"], details, errors);

        if (errors.Count > 0)
        {
            return PagerDutyParseResult.Failure(routingKey, errors);
        }
        var generated = dedupKey is null;
        return PagerDutyParseResult.Success(routingKey, new WebhookEvent(
            action!.Value, dedupKey ?? generatedDedupKey, title, isTrigger ? description.ToString().TrimEnd() : null, urgency, [], details, generated));
    }

    /// <summary>The trigger's <c>payload</c>: title and urgency, with the rest written to details and the description.</summary>
    private static (string? Title, Urgency? Urgency) ReadPayload(JsonElement body, JsonObject details, StringBuilder description, List<FieldError> errors)
    {
        if (!body.TryGetProperty("payload", out var payload) || payload.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("payload", "is required"));
            return (null, null);
        }
        if (payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("payload", $"must be an object, got {JsonBody.KindName(payload.ValueKind)}"));
            return (null, null);
        }
        var summary = Text(payload, "summary", "payload.summary", required: true, MaxSummaryLength, errors);
        var source = Text(payload, "source", "payload.source", required: true, MaxTextLength, errors);
        Urgency? urgency = null;
        var severity = Text(payload, "severity", "payload.severity", required: true, int.MaxValue, errors);
        if (severity is not null && (urgency = UrgencyOf(severity)) is null)
        {
            errors.Add(new("payload.severity", "must be one of critical, error, warning or info"));
        }
        AddLine(description, details, "source", "Source", source);
        AddLine(description, details, "severity", "Severity", urgency is null ? null : severity);
        if (Text(payload, "timestamp", "payload.timestamp", required: false, MaxTextLength, errors) is { } timestamp)
        {
            if (DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                AddLine(description, details, "timestamp", "Timestamp", timestamp);
            }
            else
            {
                errors.Add(new("payload.timestamp", "must be an ISO 8601 date and time, e.g. 2026-03-02T09:00:00Z"));
            }
        }
        foreach (var name in PayloadTexts)
        {
            var text = Text(payload, name, $"payload.{name}", required: false, MaxTextLength, errors);
            AddLine(description, details, name, char.ToUpperInvariant(name[0]) + name[1..], text);
        }
        if (payload.TryGetProperty("custom_details", out var custom) && custom.ValueKind != JsonValueKind.Null)
        {
            var node = JsonBody.ToNode(custom, "payload.custom_details", errors);
            details["custom_details"] = node;
            description.AppendLine();
            if (node is JsonObject fields)
            {
                foreach (var (name, value) in fields)
                {
                    var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
                    description.Append(name).Append(": ").AppendLine(text);
                }
            }
            else
            {
                description.AppendLine(node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString());
            }
        }
        return (summary, urgency);
    }

    private static void AddLine(StringBuilder description, JsonObject details, string name, string label, string? value)
    {
        if (value is not null)
        {
            details[name] = value;
            description.Append(label).Append(": ").AppendLine(value);
        }
    }

    /// <summary>
    /// <c>links</c> (<c>href</c>, <c>text</c>) or <c>images</c> (<c>src</c>, <c>href</c>, <c>alt</c>): arrays of objects with
    /// string fields. An entry with no (or a blank) <c>href</c>/<c>src</c> is dropped; wrong types are errors.
    /// </summary>
    private static void ReadList(JsonElement body, string name, string required, string[] optional, JsonObject details, List<FieldError> errors)
    {
        if (!body.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(name, $"must be an array of objects, got {JsonBody.KindName(list.ValueKind)}"));
            return;
        }
        var kept = new JsonArray();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, $"must be an object, got {JsonBody.KindName(item.ValueKind)}"));
                continue;
            }
            // Links and images decorate an alert: one without a target is dropped rather than costing the page a 400.
            var entry = new JsonObject();
            var main = Text(item, required, $"{path}.{required}", required: false, MaxTextLength, errors);
            foreach (var field in optional)
            {
                if (Text(item, field, $"{path}.{field}", required: false, MaxTextLength, errors) is { } text)
                {
                    entry[field] = text;
                }
            }
            if (main is not null)
            {
                entry.Insert(0, required, main);
                kept.Add(entry);
            }
        }
        details[name] = kept;
    }

    private static string? Text(JsonElement parent, string name, string path, bool required, int maxLength, List<FieldError> errors) =>
        JsonBody.Text(parent, name, path, required, errors, maxLength);
}
