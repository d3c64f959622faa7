using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Outgoing;

/// <summary>
/// The message a team's Slack incoming webhook receives: Block Kit <c>blocks</c> (a header, a section with the
/// incident's fields, a button to the incident when the app URL is known, a context line) and <c>text</c>, which Slack
/// shows in notifications and where blocks cannot be shown. Within Block Kit's limits: header text 150 characters,
/// section text 3,000, field text 2,000, button text 75.
/// </summary>
public static class SlackMessage
{
    public const int MaxHeaderLength = 150;
    public const int MaxSectionTextLength = 3000;

    public static string Create(OutgoingEvent e)
    {
        var incident = e.Incident;
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(ChatText.Cut(ChatText.Headline(e), MaxHeaderLength)),
            },
            new JsonObject
            {
                ["type"] = "section",
                ["text"] = Markdown(ChatText.Cut(incident.Url is { } url
                    ? $"*<{url}|{Escape(incident.Heading)}>* {Escape(incident.Title)}"
                    : $"*{Escape(incident.Heading)}* {Escape(incident.Title)}", MaxSectionTextLength)),
                ["fields"] = new JsonArray
                {
                    Markdown($"*Urgency*\n{incident.Urgency.ToWire()}"),
                    Markdown($"*Status*\n{incident.Status.ToWire()}"),
                    Markdown($"*{(e.Kind == IncidentEventKind.Opened ? "From" : "By")}*\n{Escape(ChatText.Cut(ChatText.By(e), 500))}"),
                    Markdown($"*Team*\n{Escape(ChatText.Cut(ChatText.Team(e), 500))}"),
                },
            },
        };
        if (incident.Url is { } link)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject { ["type"] = "button", ["text"] = PlainText("Open in Klaxon"), ["url"] = link },
                },
            });
        }
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { Markdown(Escape(ChatText.Cut(e.Message, 1000))) },
        });
        return new JsonObject
        {
            ["text"] = ChatText.Cut(ChatText.Headline(e), MaxSectionTextLength),
            ["blocks"] = blocks,
        }.ToJsonString(KlaxonJson.Options);
    }

    /// <summary>Slack's mrkdwn control characters (&amp;, &lt;, &gt;) as its docs say to escape them.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
