using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;

namespace Klaxon.Notifications.Push;

/// <summary>
/// The JSON a push message carries, which the web app's service worker turns into a notification:
/// <c>{"title","body","tag","requireInteraction","renotify","incident":{...},"actions":[{"action","title","url"}]}</c>
/// for one incident, <c>{..., "incidents":[...], "actions":[]}</c> for a summary. A button's <c>url</c> is a signed
/// action link the service worker POSTs to. Text is cut so the JSON stays under <see cref="MaxBytes"/>.
/// </summary>
public static class PushPayload
{
    /// <summary>
    /// Most UTF-8 bytes of JSON: 3600. Push services take one aes128gcm record of at most 4096 bytes, whose header, tag
    /// and padding delimiter leave 3993 bytes of content; the rest is margin.
    /// </summary>
    public const int MaxBytes = 3600;

    /// <summary>Characters of an incident title in the notification's title line. Default 100.</summary>
    public const int TitleChars = 100;

    /// <summary>Characters of an incident title in the body and the <c>incident</c> object. Default 300.</summary>
    public const int BodyTitleChars = 300;

    /// <summary>Incidents listed in a summary's body and <c>incidents</c>. Default 8.</summary>
    public const int SummaryItems = 8;

    /// <summary>The JSON for <paramref name="page"/>; acknowledge/resolve buttons only when <paramref name="links"/> are configured.</summary>
    public static string Create(OutgoingPage page, IActionLinks links)
    {
        // Shrink text until it fits; only absurdly long configured URLs or ids can get past the first try.
        foreach (var scale in new[] { 1.0, 0.5, 0.25, 0.1 })
        {
            var json = Serialize(page.IsSummary ? Summary(page, scale) : Single(page, links, scale, withActions: true));
            if (Encoding.UTF8.GetByteCount(json) <= MaxBytes)
            {
                return json;
            }
        }
        return Serialize(page.IsSummary ? Summary(page, 0.05) : Single(page, links, 0.05, withActions: false));
    }

    /// <summary>
    /// The Web Push <c>Topic</c> (32 base64url characters) of a page about one incident: a newer page about the same
    /// incident replaces one the push service still holds undelivered. Null for summaries.
    /// </summary>
    public static string? Topic(OutgoingPage page)
    {
        if (page.IsSummary || page.Incidents.Count == 0)
        {
            return null;
        }
        var incident = page.Incidents[0];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{incident.AccountId}|{incident.Number}"));
        return Base64Url.EncodeToString(hash.AsSpan(0, 24));
    }

    private static Notification Single(OutgoingPage page, IActionLinks links, double scale, bool withActions)
    {
        var incident = page.Incidents[0];
        var actions = withActions && links.IsConfigured
            ? new[]
            {
                new NotificationAction("acknowledge", "Acknowledge",
                    links.CreateUrl(incident.AccountId, incident.Number, page.UserId, IncidentActionKind.Acknowledge, "push")),
                new NotificationAction("resolve", "Resolve",
                    links.CreateUrl(incident.AccountId, incident.Number, page.UserId, IncidentActionKind.Resolve, "push")),
            }
            : [];
        var bodyTitle = Truncate(incident.Title, Scaled(BodyTitleChars, scale));
        return new Notification(
            Title: Headline(incident, Scaled(TitleChars, scale)),
            Body: $"{bodyTitle}\n{incident.AccountId} · {incident.Urgency.ToWire()} urgency",
            Tag: $"klaxon-{incident.AccountId}-{incident.Number}",
            RequireInteraction: incident.Urgency is Urgency.High or Urgency.Critical,
            Renotify: true,
            Incident: new IncidentRef(incident.AccountId, incident.Number, incident.Urgency, bodyTitle),
            Incidents: null,
            Actions: actions);
    }

    private static Notification Summary(OutgoingPage page, double scale)
    {
        var shown = page.Incidents.Take(SummaryItems).ToList();
        var lineChars = Scaled(TitleChars, scale);
        var lines = shown.Select(incident => Headline(incident, lineChars)).ToList();
        if (page.Incidents.Count > shown.Count)
        {
            lines.Add($"and {page.Incidents.Count - shown.Count} more");
        }
        return new Notification(
            Title: $"{page.Incidents.Count} incidents need you",
            Body: string.Join('\n', lines),
            Tag: "klaxon-summary",
            RequireInteraction: page.Incidents.Any(incident => incident.Urgency is Urgency.High or Urgency.Critical),
            Renotify: true,
            Incident: null,
            Incidents: [.. shown.Select(incident => new IncidentRef(incident.AccountId, incident.Number, incident.Urgency, Truncate(incident.Title, lineChars)))],
            // One signed link acts on one incident; acting on several from one button is not offered.
            Actions: []);
    }

    /// <summary><c>#42 [HIGH] Database down</c>.</summary>
    private static string Headline(PagedIncident incident, int titleChars) =>
        $"{incident.Heading} {Truncate(incident.Title, titleChars)}";

    private static int Scaled(int chars, double scale) => Math.Max(8, (int)(chars * scale));

    /// <summary>One line of at most <paramref name="maxChars"/> characters, cut with an ellipsis, never inside a surrogate pair.</summary>
    private static string Truncate(string text, int maxChars)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= maxChars)
        {
            return line;
        }
        var cut = maxChars - 1;
        if (char.IsHighSurrogate(line[cut - 1]))
        {
            cut--;
        }
        return line[..cut] + "…";
    }

    private static string Serialize(Notification notification) => JsonSerializer.Serialize(notification, KlaxonJson.Options);

    private sealed record Notification(
        string Title,
        string Body,
        string Tag,
        bool RequireInteraction,
        bool Renotify,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IncidentRef? Incident,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IncidentRef>? Incidents,
        IReadOnlyList<NotificationAction> Actions);

    private sealed record IncidentRef(string Account, long Number, Urgency Urgency, string Title);

    private sealed record NotificationAction(string Action, string Title, string Url);
}
