using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] OutgoingWebhookProperties = ["id", "url", "events", "enabled", "secret"];
    private static readonly string[] ChatProperties = ["kind", "url"];

    /// <summary>
    /// The rule for an outgoing URL's form. Whether the host may be reached (https only, public addresses only) depends
    /// on where Klaxon runs, so the function app checks that when the document is saved.
    /// </summary>
    public const string OutgoingUrlRule = "must be an absolute https URL without user name, password or fragment, at most 2048 characters";

    private IReadOnlyList<OutgoingWebhookConfig> ReadOutgoingWebhooks(ConfigObject account)
    {
        var items = account.Array("outgoingWebhooks");
        if (items is { Count: > OutgoingWebhookConfig.MaxPerAccount })
        {
            account.Error("outgoingWebhooks", $"must have at most {OutgoingWebhookConfig.MaxPerAccount} webhooks");
        }
        return ReadCollection(items, ReadOutgoingWebhook);
    }

    private OutgoingWebhookConfig? ReadOutgoingWebhook(JsonElement element, string path, DuplicateIds seen)
    {
        var webhook = ConfigObject.Open(element, path, _errors, OutgoingWebhookProperties);
        if (webhook is null)
        {
            return null;
        }
        var id = ReadId(webhook, seen);
        var url = ReadOutgoingUrl(webhook);
        var events = Enum.GetValues<IncidentEventKind>().ToList();
        if (webhook.Array("events") is { } items)
        {
            events = [];
            if (items.Count == 0)
            {
                webhook.Error("events", $"must name at least one event: {WireNames.Allowed<IncidentEventKind>()}");
            }
            foreach (var (item, itemPath) in items)
            {
                if (item.ValueKind == JsonValueKind.String && WireNames.TryParse<IncidentEventKind>(item.GetString(), out var kind))
                {
                    if (!events.Contains(kind))
                    {
                        events.Add(kind);
                    }
                }
                else
                {
                    _errors.Add(new FieldError(itemPath, $"must be one of {WireNames.Allowed<IncidentEventKind>()}"));
                }
            }
        }
        var secret = webhook.String("secret");
        if (secret is not null && (secret.Length < OutgoingWebhookConfig.MinSecretLength || secret.Length > 128 || secret.Any(char.IsWhiteSpace)))
        {
            webhook.Error("secret", $"must be {OutgoingWebhookConfig.MinSecretLength} to 128 characters without white space (leave it out and Klaxon generates one)");
        }
        return new OutgoingWebhookConfig(id, url, events.AsReadOnly(), webhook.Boolean("enabled") ?? true, secret);
    }

    private IReadOnlyList<ChatTargetConfig> ReadChat(ConfigObject team)
    {
        var items = team.Array("chat");
        if (items is { Count: > ChatTargetConfig.MaxPerTeam })
        {
            team.Error("chat", $"must have at most {ChatTargetConfig.MaxPerTeam} channels");
        }
        var targets = new List<ChatTargetConfig>();
        foreach (var (element, path) in items ?? [])
        {
            var chat = ConfigObject.Open(element, path, _errors, ChatProperties);
            if (chat is null)
            {
                continue;
            }
            var kindText = chat.String("kind", required: true);
            var kind = ChatKind.Slack;
            if (kindText is not null && !WireNames.TryParse(kindText, out kind))
            {
                chat.Error("kind", $"must be {WireNames.Allowed<ChatKind>()}");
            }
            targets.Add(new ChatTargetConfig(kind, ReadOutgoingUrl(chat)));
        }
        return targets.AsReadOnly();
    }

    private static string ReadOutgoingUrl(ConfigObject item)
    {
        var url = item.String("url", required: true);
        if (url is null)
        {
            return "";
        }
        if (!IsOutgoingUrl(url))
        {
            item.Error("url", OutgoingUrlRule);
        }
        return url;
    }

    /// <summary>The form an outgoing URL must have (http is let through here; the function app decides whether it may be used).</summary>
    public static bool IsOutgoingUrl(string url) =>
        url.Length <= OutgoingWebhookConfig.MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0
        && uri.Fragment.Length == 0
        && uri.Host.Length > 0;
}
