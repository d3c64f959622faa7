using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>
/// Parses Prometheus Alertmanager's webhook payload (<c>webhook_configs</c>, payload version 4) into the same
/// <see cref="WebhookEvent"/> the PagerTree-style webhook produces: one incident per <c>groupKey</c>.
/// </summary>
/// <remarks>
/// <para><c>status: firing</c> creates; a repeated notification for the same group is another alert on the open incident,
/// never a second incident. <c>status: resolved</c> (every alert of the group resolved) resolves. Two groups never share
/// an incident: the key is the <c>groupKey</c> itself (or, beyond 255 characters, <c>sha256:</c> and its hash).</para>
/// <para>Title: <c>commonLabels.alertname</c> (else <c>groupLabels.alertname</c>, else the first alert's), then ": " and
/// <c>commonAnnotations.summary</c> when there is one (else the only alert's <c>summary</c>). The description lists each
/// alert with its status, labels, annotations, start and source. Urgency from <c>commonLabels.severity</c>, see
/// <see cref="UrgencyOf"/>. Details keep the payload (but <c>version</c> and <c>status</c>) plus <c>links</c>:
/// <c>externalURL</c> and every distinct <c>generatorURL</c>. Tags are the common labels as <c>name=value</c>.</para>
/// </remarks>
public static class AlertmanagerEventParser
{
    /// <summary>The only payload version there has been (Alertmanager 0.x); anything else is refused rather than guessed at.</summary>
    public const string PayloadVersion = "4";

    /// <summary>
    /// <c>severity</c> label to urgency, case-insensitive: <c>critical</c> and <c>page</c> → critical; <c>error</c> and
    /// <c>high</c> → high; <c>warning</c>, <c>warn</c> and <c>medium</c> → medium; <c>info</c> and <c>low</c> → low;
    /// <c>none</c> (Prometheus' always-firing Watchdog) → silent. Null (the integration's urgency) for anything else.
    /// </summary>
    public static Urgency? UrgencyOf(string? severity) => severity?.Trim().ToLowerInvariant() switch
    {
        "critical" or "page" => Urgency.Critical,
        "error" or "high" => Urgency.High,
        "warning" or "warn" or "medium" => Urgency.Medium,
        "info" or "low" => Urgency.Low,
        "none" => Urgency.Silent,
        _ => null,
    };

    /// <summary>Parses a UTF-8 body. Never throws for bad input.</summary>
    public static WebhookParseResult Parse(ReadOnlyMemory<byte> utf8Body) =>
        JsonBody.TryReadObject(utf8Body, out var root, out var bodyError)
            ? JsonBody.Guard(() => ParseObject(root), WebhookParseResult.Failure)
            : WebhookParseResult.Failure([bodyError]);

    private static WebhookParseResult ParseObject(JsonElement body)
    {
        var errors = new List<FieldError>();
        var version = Text(body, "version", required: true, errors);
        if (version is not null && version != PayloadVersion)
        {
            errors.Add(new("version", $"must be \"{PayloadVersion}\" (Alertmanager's webhook payload version 4)"));
        }
        var groupKey = Text(body, "groupKey", required: true, errors);
        WebhookEventType? type = Text(body, "status", required: true, errors) switch
        {
            null => null,
            "firing" => WebhookEventType.Create,
            "resolved" => WebhookEventType.Resolve,
            _ => Invalid(errors, "status", "must be firing or resolved"),
        };
        var groupLabels = Labels(body, "groupLabels", errors);
        var commonLabels = Labels(body, "commonLabels", errors);
        var commonAnnotations = Labels(body, "commonAnnotations", errors);
        var externalUrl = Text(body, "externalURL", required: false, errors);
        var alerts = Alerts(body, errors);

        var details = new JsonObject();
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("version" or "status"))
            {
                details[property.Name] = JsonBody.ToNode(property.Value, property.Name, errors);
            }
        }
        if (errors.Count > 0)
        {
            return WebhookParseResult.Failure(errors);
        }

        var links = new JsonArray();
        foreach (var url in (string?[])[externalUrl, .. alerts.Select(a => a.GeneratorUrl)])
        {
            if (!string.IsNullOrWhiteSpace(url) && !links.Any(l => (string?)l == url))
            {
                links.Add(url);
            }
        }
        details["links"] = links;

        var name = commonLabels.GetValueOrDefault("alertname") ?? groupLabels.GetValueOrDefault("alertname")
            ?? alerts.Select(a => a.Labels.GetValueOrDefault("alertname")).FirstOrDefault(n => n is not null) ?? "Alertmanager alert";
        var summary = commonAnnotations.GetValueOrDefault("summary") ?? (alerts.Count == 1 ? alerts[0].Annotations.GetValueOrDefault("summary") : null);
        var title = Truncate(summary is null ? name : $"{name}: {summary}", WebhookLimits.MaxTitleLength);
        var tags = commonLabels.Select(l => $"{l.Key}={l.Value}").Where(t => t.Length <= WebhookLimits.MaxTagLength).Take(WebhookLimits.MaxTags).ToList();
        return WebhookParseResult.Success(new WebhookEvent(
            type!.Value, KeyOf(groupKey!), title, Describe(alerts), UrgencyOf(commonLabels.GetValueOrDefault("severity")), tags, details));
    }

    /// <summary>The dedup key: the group key when it fits, else a hash of it (still one key per group).</summary>
    private static string KeyOf(string groupKey) => groupKey.Length <= WebhookLimits.MaxIdLength
        ? groupKey
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));

    private static string Describe(IReadOnlyList<Alert> alerts)
    {
        var text = new StringBuilder();
        foreach (var alert in alerts)
        {
            text.Append("- [").Append(alert.Status).Append("] ").AppendJoin(", ", alert.Labels.Select(l => $"{l.Key}={l.Value}")).AppendLine();
            foreach (var (key, value) in alert.Annotations)
            {
                text.Append("  ").Append(key).Append(": ").AppendLine(value);
            }
            if (alert.StartsAt is not null)
            {
                text.Append("  started: ").AppendLine(alert.StartsAt);
            }
            if (alert.GeneratorUrl is not null)
            {
                text.Append("  source: ").AppendLine(alert.GeneratorUrl);
            }
        }
        return Truncate(text.ToString().TrimEnd(), WebhookLimits.MaxDescriptionLength);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static IReadOnlyList<Alert> Alerts(JsonElement body, List<FieldError> errors)
    {
        if (!body.TryGetProperty("alerts", out var alerts) || alerts.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("alerts", "is required"));
            return [];
        }
        if (alerts.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("alerts", $"must be an array, got {JsonBody.KindName(alerts.ValueKind)}"));
            return [];
        }
        var result = new List<Alert>();
        var index = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            var path = $"alerts[{index++}]";
            if (alert.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, $"must be an object, got {JsonBody.KindName(alert.ValueKind)}"));
                continue;
            }
            result.Add(new Alert(
                Text(alert, "status", required: false, errors, path) ?? "firing",
                Labels(alert, "labels", errors, path),
                Labels(alert, "annotations", errors, path),
                Text(alert, "startsAt", required: false, errors, path),
                Text(alert, "generatorURL", required: false, errors, path)));
        }
        if (index == 0)
        {
            errors.Add(new("alerts", "must have at least one alert"));
        }
        return result;
    }

    /// <summary>An object of string values (labels, annotations); absent or null is empty.</summary>
    private static IReadOnlyDictionary<string, string> Labels(JsonElement parent, string name, List<FieldError> errors, string? parentPath = null)
    {
        var path = parentPath is null ? name : $"{parentPath}.{name}";
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return labels;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be an object of strings, got {JsonBody.KindName(value.ValueKind)}"));
            return labels;
        }
        foreach (var label in value.EnumerateObject())
        {
            if (label.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new($"{path}.{label.Name}", $"must be a string, got {JsonBody.KindName(label.Value.ValueKind)}"));
                continue;
            }
            labels[label.Name] = label.Value.GetString()!;
        }
        return labels;
    }

    private static string? Text(JsonElement parent, string name, bool required, List<FieldError> errors, string? parentPath = null) =>
        JsonBody.Text(parent, name, parentPath is null ? name : $"{parentPath}.{name}", required, errors);

    private static WebhookEventType? Invalid(List<FieldError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return null;
    }

    private sealed record Alert(string Status, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string? StartsAt, string? GeneratorUrl);
}
