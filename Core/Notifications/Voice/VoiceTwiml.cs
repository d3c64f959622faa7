using System.Globalization;
using System.Xml.Linq;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Notifications.Voice;

/// <summary>
/// The TwiML of a page call: reads the incident (number, urgency, title) twice, then gathers one digit, 4 to
/// acknowledge or 6 to resolve, which Twilio posts to the gather action. A summary call names every incident held back
/// and the digit applies to all of them. Built with System.Xml.Linq, so a title like <c>&lt;/Say&gt;&lt;Dial&gt;</c> is
/// text, never markup.
/// </summary>
public static class VoiceTwiml
{
    /// <summary>Twilio's limit for TwiML passed inline with a call.</summary>
    public const int MaxLength = 4000;

    /// <summary>A title is read up to this many characters (a long title read twice makes a long call).</summary>
    public const int MaxSpokenTitle = 150;

    public const string AcknowledgeDigit = "4", ResolveDigit = "6";

    /// <summary>Seconds the call waits for a digit.</summary>
    public const int GatherTimeoutSeconds = 10;

    public static string ForPage(OutgoingPage page, string publicBaseUrl)
    {
        var incidents = page.Incidents;
        var action = page.IsSummary ? SummaryAction(page, publicBaseUrl) : TwilioRoutes.GatherAction(publicBaseUrl, page.AccountId, incidents[0].Number, page.UserId, page.JobId);
        var prompt = page.IsSummary
            ? $"Press {AcknowledgeDigit} to acknowledge all of them, {ResolveDigit} to resolve all."
            : $"Press {AcknowledgeDigit} to acknowledge. Press {ResolveDigit} to resolve.";
        var titles = incidents.Select(incident => PageTitleText.Clean(incident.Title)).ToArray();
        var ends = titles.Select(PageTitleText.ElementEnds).ToArray();
        var longest = Math.Min(MaxSpokenTitle, ends.Length == 0 ? 0 : ends.Max(end => end.Length));

        string Build(int cap)
        {
            var spoken = titles.Select((title, i) => ends[i].Length > cap ? (cap == 0 ? "" : title[..ends[i][cap - 1]].TrimEnd()) : title).ToArray();
            var text = page.IsSummary ? SummaryText(incidents, spoken) : PageText(incidents[0], spoken[0]);
            return Document(action, text, prompt);
        }

        var whole = Build(longest);
        if (whole.Length <= MaxLength)
        {
            return whole;
        }
        if (Build(0).Length > MaxLength)
        {
            // Too many incidents to name even without titles (about a hundred): say how many; the digit still covers all.
            return Document(action, $"Klaxon alert. You have {Count(incidents.Count)} incidents waiting.", prompt);
        }
        // Longest titles that keep the TwiML within Twilio's limit (binary search; only a measured fit is kept).
        var (low, high) = (0, longest - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Build(middle).Length <= MaxLength ? (middle, high) : (low, middle - 1);
        }
        return Build(low);
    }

    /// <summary>The gather URL of a summary: like <see cref="TwilioRoutes.GatherAction"/> with <c>n</c> a comma-separated list.</summary>
    public static string SummaryAction(OutgoingPage page, string publicBaseUrl) =>
        $"{publicBaseUrl.TrimEnd('/')}/{TwilioRoutes.VoiceGather}?{TwilioRoutes.AccountParameter}={Uri.EscapeDataString(page.AccountId)}" +
        $"&{TwilioRoutes.IncidentParameter}={string.Join(",", page.Incidents.Select(incident => incident.Number.ToString(CultureInfo.InvariantCulture)))}" +
        $"&{TwilioRoutes.UserParameter}={Uri.EscapeDataString(page.UserId)}&{TwilioRoutes.JobParameter}={Uri.EscapeDataString(page.JobId)}";

    private static string PageText(PagedIncident incident, string title) =>
        $"Klaxon alert. Incident {Count(incident.Number)}, urgency {Urgency(incident)}" + (title.Length > 0 ? ": " + Sentence(title) : ".");

    private static string SummaryText(IReadOnlyList<PagedIncident> incidents, string[] titles) =>
        $"Klaxon alert. You have {Count(incidents.Count)} incidents waiting: " +
        string.Join("; ", incidents.Select((incident, i) => $"incident {Count(incident.Number)}" + (titles[i].Length > 0 ? ", " + titles[i].TrimEnd('.', ';') : ""))) + ".";

    private static string Document(string action, string text, string prompt) =>
        new XElement("Response",
            new XElement("Gather",
                new XAttribute("numDigits", "1"),
                new XAttribute("timeout", GatherTimeoutSeconds.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("method", "POST"),
                new XAttribute("action", action),
                new XElement("Say", text),
                new XElement("Say", text),
                new XElement("Say", prompt)),
            new XElement("Say", "No choice received. Goodbye.")).ToString(SaveOptions.DisableFormatting);

    private static string Sentence(string title) => title.EndsWith('.') || title.EndsWith('!') || title.EndsWith('?') ? title : title + ".";

    private static string Urgency(PagedIncident incident) => incident.Urgency.ToWire();

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
