using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Klaxon.Common;
using Klaxon.Incidents;

namespace Klaxon.Notifications.Actions;

/// <summary>The HTML of the action link pages. Incident titles come from webhooks: every piece of text is encoded.</summary>
public static class ActionPages
{
    /// <summary>The confirmation page of a GET: says what the button will do. Showing it changes nothing.</summary>
    public static string Confirm(ActionPreview preview, string token)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var action = preview.Action!;
        var incident = preview.Incident!;
        var verb = Verb(action.Action);
        var body = $"""
            <h1>{E(verb)} incident {E(Label(incident))} as {E(preview.UserName ?? action.UserId)}?</h1>
            <p>Current status: <strong>{E(Status(incident))}</strong>.</p>
            {(incident.Status == IncidentStatus.Resolved ? "<p>It is already resolved: confirming only records your answer on its timeline.</p>" : "")}
            <form method="post">
            <input type="hidden" name="t" value="{E(token)}">
            <button type="submit">{E(verb)} #{incident.Number.ToString(CultureInfo.InvariantCulture)}</button>
            </form>
            """;
        return Page($"{verb} #{incident.Number.ToString(CultureInfo.InvariantCulture)}?", body);
    }

    /// <summary>After a POST: <c>Acknowledging #42 — recorded as alice via email.</c></summary>
    public static string Submitted(ActionSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var action = submission.Action!;
        var number = action.Number.ToString(CultureInfo.InvariantCulture);
        var heading = $"{Progressive(action.Action)} #{number} — recorded as {action.UserId} via {action.Channel}.";
        var note = submission.WasResolved
            ? $"<p>The incident was already resolved: it stays resolved, and your {Verb(action.Action).ToLowerInvariant()} is recorded as ignored.</p>"
            : "<p>It takes effect within seconds; the incident's timeline shows it.</p>";
        return Page($"{Progressive(action.Action)} #{number}", $"<h1>{E(heading)}</h1>\n{note}\n<p>Request id: <code>{E(submission.RequestId ?? "")}</code></p>");
    }

    /// <summary>A page for a link that cannot be used (400) or an incident that is gone (404).</summary>
    public static string Problem(string message) =>
        Page("This link cannot be used", $"<h1>This link cannot be used</h1>\n<p>{E(message)}</p>");

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{E(title)}} · Klaxon</title>
        <style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}button{font-size:1.2em;padding:.5em 1.5em}</style>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;

    private static string Label(Incident incident) =>
        $"#{incident.Number.ToString(CultureInfo.InvariantCulture)} [{incident.Urgency.ToWire().ToUpperInvariant()}] {Email.EmailContent.OneLine(incident.Title)}";

    private static string Status(Incident incident) => incident.Status switch
    {
        IncidentStatus.Acknowledged when incident.AcknowledgedBy is { } by => $"acknowledged by {by}",
        IncidentStatus.Resolved when incident.ResolvedBy is { } by => $"resolved by {by}",
        var status => status.ToWire(),
    };

    private static string Verb(IncidentActionKind action) => action == IncidentActionKind.Resolve ? "Resolve" : "Acknowledge";

    private static string Progressive(IncidentActionKind action) => action == IncidentActionKind.Resolve ? "Resolving" : "Acknowledging";

    /// <summary>Encodes markup characters only; other text (accents, dashes, emoji) stays readable in the UTF-8 page.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string value) => Encoder.Encode(value);
}
