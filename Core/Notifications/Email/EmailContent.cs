using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;

namespace Klaxon.Notifications.Email;

/// <summary>
/// The subject and bodies of a page email. Incident titles come from webhooks, so they are untrusted: the subject keeps
/// one line of printable text and the HTML body encodes every piece of incident text.
/// </summary>
/// <param name="Text">The <c>text/plain</c> part.</param>
/// <param name="Html">The <c>text/html</c> part.</param>
public sealed record EmailContent(string Subject, string Text, string Html)
{
    /// <summary>Longest subject, in characters; longer ones end in an ellipsis. Mail clients show about this much.</summary>
    public const int MaxSubjectLength = 150;

    /// <summary>The channel name signed into action links, and recorded on the timeline when a person uses one.</summary>
    public const string LinkChannel = "email";

    /// <summary>The content of <paramref name="page"/>, with acknowledge/resolve links when <paramref name="links"/> is configured.</summary>
    public static EmailContent Create(OutgoingPage page, IActionLinks links) =>
        Create(page, links.IsConfigured
            ? (incident, action) => links.CreateUrl(incident.AccountId, incident.Number, page.UserId, action, LinkChannel)
            : null);

    /// <param name="actionUrl">
    /// The link that takes <paramref name="page"/>'s user to acknowledge or resolve one incident; null when links are not
    /// configured, and then the message says to use the management API or another channel.
    /// </param>
    public static EmailContent Create(OutgoingPage page, Func<PagedIncident, IncidentActionKind, string>? actionUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Incidents.Count == 0)
        {
            throw new ArgumentException("A page names at least one incident.", nameof(page));
        }
        // The user id in the page belongs to its account; a summary spanning accounts gets links only for incidents of
        // that account, because the same id in another account may be another person.
        Func<PagedIncident, IncidentActionKind, string>? LinksFor(PagedIncident incident) =>
            actionUrl is not null && incident.AccountId == page.AccountId ? actionUrl : null;

        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        if (page.IsSummary)
        {
            text.Append(CultureInfo.InvariantCulture, $"{OneLine(page.UserName)}, you are paged about {page.Incidents.Count} incidents:\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(page.UserName)}, you are paged about {page.Incidents.Count} incidents:</p><ul>");
            foreach (var incident in page.Incidents)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n- {Label(incident)}\n");
                html.Append("<li><p>").Append(Encode(Label(incident))).Append("</p>");
                AppendActions(text, html, incident, LinksFor(incident), "  ");
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        else
        {
            var incident = page.Incidents[0];
            text.Append(CultureInfo.InvariantCulture, $"{OneLine(page.UserName)}, you are paged about incident {Label(incident)}\n\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>{Encode(page.UserName)}, you are paged about incident</p><p><strong>{Encode(Label(incident))}</strong></p>");
            AppendActions(text, html, incident, LinksFor(incident), "");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nAccount: {OneLine(page.AccountId)}\n-- \nKlaxon\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666\">Account: {Encode(page.AccountId)}<br>Klaxon</p></body></html>");
        return new EmailContent(SubjectOf(page), text.ToString(), html.ToString());
    }

    /// <summary><c>[Klaxon] #42 [HIGH] title</c>, or for a summary <c>[Klaxon] 3 incidents: #42 [HIGH] title, #41 ...</c>; one line, capped.</summary>
    public static string SubjectOf(OutgoingPage page)
    {
        var subject = page.IsSummary
            ? $"[Klaxon] {page.Incidents.Count.ToString(CultureInfo.InvariantCulture)} incidents: {string.Join(", ", page.Incidents.Select(Label))}"
            : $"[Klaxon] {Label(page.Incidents[0])}";
        return Cap(OneLine(subject), MaxSubjectLength);
    }

    /// <summary><c>#42 [HIGH] title</c> on one line.</summary>
    public static string Label(PagedIncident incident) =>
        OneLine($"{incident.Heading} {incident.Title}");

    /// <summary>Control characters (line breaks included) become spaces and runs of white space one space.</summary>
    public static string OneLine(string value)
    {
        var line = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029')
            {
                space = line.Length > 0;
                continue;
            }
            if (space)
            {
                line.Append(' ');
                space = false;
            }
            line.Append(c);
        }
        return line.ToString();
    }

    private static string Cap(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        var cut = max - 1;
        if (char.IsHighSurrogate(value[cut - 1]))
        {
            cut--; // never split a surrogate pair
        }
        return value[..cut] + "…";
    }

    private static void AppendActions(
        StringBuilder text, StringBuilder html, PagedIncident incident, Func<PagedIncident, IncidentActionKind, string>? actionUrl, string indent)
    {
        if (actionUrl is null)
        {
            var path = $"api/accounts/{incident.AccountId}/incidents/{incident.Number.ToString(CultureInfo.InvariantCulture)}/acknowledge";
            text.Append(CultureInfo.InvariantCulture, $"{indent}Acknowledge or resolve it with the management API (POST {OneLine(path)}) or on another channel (reply to the SMS, answer the call).\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Acknowledge or resolve it with the management API (<code>POST {Encode(path)}</code>) or on another channel (reply to the SMS, answer the call).</p>");
            return;
        }
        var acknowledge = actionUrl(incident, IncidentActionKind.Acknowledge);
        var resolve = actionUrl(incident, IncidentActionKind.Resolve);
        text.Append(CultureInfo.InvariantCulture, $"{indent}Acknowledge: {acknowledge}\n{indent}Resolve: {resolve}\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p><a href=\"{Encode(acknowledge)}\" style=\"{ButtonStyle}\">Acknowledge</a> <a href=\"{Encode(resolve)}\" style=\"{ButtonStyle}\">Resolve</a></p>");
    }

    private const string ButtonStyle = "display:inline-block;padding:8px 16px;margin-right:8px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:4px";

    /// <summary>Encodes markup characters only; other text (accents, dashes, emoji) stays readable in the UTF-8 page.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string value) => Encoder.Encode(value);
}
