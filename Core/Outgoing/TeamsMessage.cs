using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Outgoing;

/// <summary>
/// The message a Microsoft Teams Workflows webhook ("When a Teams webhook request is received", then "Post card in a
/// chat or channel") receives: <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "content":{AdaptiveCard}}]}</c>, with an Adaptive Card 1.4 (the version Teams renders): a headline, a fact set and a
/// button to the incident when the app URL is known.
/// </summary>
public static class TeamsMessage
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static string Create(OutgoingEvent e)
    {
        var incident = e.Incident;
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = ChatText.Headline(e),
                    ["size"] = "Medium",
                    ["weight"] = "Bolder",
                    ["wrap"] = true,
                    ["color"] = e.Kind == IncidentEventKind.Resolved ? "Good" : e.Kind == IncidentEventKind.Opened ? "Attention" : "Default",
                },
                new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray
                    {
                        Fact("Urgency", incident.Urgency.ToWire()),
                        Fact("Status", incident.Status.ToWire()),
                        Fact(e.Kind == IncidentEventKind.Opened ? "From" : "By", ChatText.Cut(ChatText.By(e), 500)),
                        Fact("Team", ChatText.Cut(ChatText.Team(e), 500)),
                    },
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = ChatText.Cut(e.Message, 1000), ["wrap"] = true, ["isSubtle"] = true },
            },
        };
        if (incident.Url is { } url)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in Klaxon", ["url"] = url } };
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray { new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card } },
        }.ToJsonString(KlaxonJson.Options);
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
