using System.Xml.Linq;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;
using Klaxon.Notifications.Voice;
using Microsoft.AspNetCore.WebUtilities;

namespace Klaxon.Tests.Notifications.Voice;

public class VoiceTwimlTests
{
    private const string BaseUrl = "https://klaxon.example.test";

    private static OutgoingPage Page(params PagedIncident[] incidents) =>
        new("job-1", "acme", "alice", "Alice", NotificationChannel.Voice, "+15550001111", incidents);

    private static XElement Parse(string twiml)
    {
        Assert.InRange(twiml.Length, 1, VoiceTwiml.MaxLength);
        return XElement.Parse(twiml);
    }

    [Fact]
    public void A_page_call_reads_the_incident_twice_then_gathers_one_digit()
    {
        var twiml = Parse(VoiceTwiml.ForPage(Page(new PagedIncident("acme", 42, "Database down", Urgency.High)), BaseUrl));

        Assert.Equal("Response", twiml.Name.LocalName);
        Assert.Equal(["Gather", "Say"], twiml.Elements().Select(e => e.Name.LocalName));
        var gather = twiml.Element("Gather")!;
        Assert.Equal("1", (string?)gather.Attribute("numDigits"));
        Assert.Equal("10", (string?)gather.Attribute("timeout"));
        Assert.Equal("POST", (string?)gather.Attribute("method"));
        Assert.Equal(TwilioRoutes.GatherAction(BaseUrl, "acme", 42, "alice", "job-1"), (string?)gather.Attribute("action"));
        Assert.Equal(
            [
                "Klaxon alert. Incident 42, urgency high: Database down.",
                "Klaxon alert. Incident 42, urgency high: Database down.",
                "Press 4 to acknowledge. Press 6 to resolve.",
            ],
            gather.Elements().Select(e => { Assert.Equal("Say", e.Name.LocalName); return e.Value; }));
        Assert.Equal("No choice received. Goodbye.", twiml.Elements().Last().Value);
    }

    [Fact]
    public void A_title_with_markup_stays_text_and_cannot_inject_verbs()
    {
        const string title = "x</Say><Dial>+15559999999</Dial><Say>\" action=\"https://evil.example/&amp;";
        var raw = VoiceTwiml.ForPage(Page(new PagedIncident("acme", 5, title, Urgency.Critical)), BaseUrl);
        var twiml = Parse(raw);

        Assert.Empty(twiml.Descendants("Dial"));
        Assert.Equal(["Gather", "Say"], twiml.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Say", "Say", "Say"], twiml.Element("Gather")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(2, twiml.Descendants("Say").Count(say => say.Value.Contains(title, StringComparison.Ordinal)));
        Assert.Equal(TwilioRoutes.GatherAction(BaseUrl, "acme", 5, "alice", "job-1"), (string?)twiml.Element("Gather")!.Attribute("action"));
        Assert.DoesNotContain("<Dial>", raw);
    }

    [Fact]
    public void Ids_with_quotes_and_angle_brackets_stay_inside_the_action_attribute()
    {
        var page = Page(new PagedIncident("acme", 5, "t", Urgency.Low)) with { JobId = "j\"><Hangup/>", UserId = "bob&co" };
        var twiml = Parse(VoiceTwiml.ForPage(page, BaseUrl));

        Assert.Empty(twiml.Descendants("Hangup"));
        var query = QueryHelpers.ParseQuery(new Uri((string)twiml.Element("Gather")!.Attribute("action")!).Query);
        Assert.Equal("j\"><Hangup/>", query[TwilioRoutes.JobParameter].ToString());
        Assert.Equal("bob&co", query[TwilioRoutes.UserParameter].ToString());
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_dropped_rather_than_failing_the_page()
    {
        var twiml = Parse(VoiceTwiml.ForPage(Page(new PagedIncident("acme", 9, "bad\u0001 \ud800bytes\uffff here", Urgency.Low)), BaseUrl));

        Assert.Equal("Klaxon alert. Incident 9, urgency low: bad bytes here.", twiml.Element("Gather")!.Elements().First().Value);
    }

    [Theory]
    [InlineData("Database down!", "Database down!")]
    [InlineData("Is the database down?", "Is the database down?")]
    [InlineData("Database down.", "Database down.")]
    [InlineData("", null)]
    public void The_title_ends_the_sentence(string title, string? spoken)
    {
        var twiml = Parse(VoiceTwiml.ForPage(Page(new PagedIncident("acme", 3, title, Urgency.Medium)), BaseUrl));

        var expected = spoken is null ? "Klaxon alert. Incident 3, urgency medium." : $"Klaxon alert. Incident 3, urgency medium: {spoken}";
        Assert.Equal(expected, twiml.Element("Gather")!.Elements().First().Value);
    }

    [Fact]
    public void A_summary_call_names_every_incident_and_acts_on_all_of_them()
    {
        var page = Page(new("acme", 45, "CPU high", Urgency.Low), new("acme", 44, "Disk full", Urgency.High), new("acme", 43, "Database down.", Urgency.Critical));
        var twiml = Parse(VoiceTwiml.ForPage(page, BaseUrl));

        var gather = twiml.Element("Gather")!;
        var says = gather.Elements("Say").Select(e => e.Value).ToArray();
        const string list = "Klaxon alert. You have 3 incidents waiting: incident 45, CPU high; incident 44, Disk full; incident 43, Database down.";
        Assert.Equal([list, list, "Press 4 to acknowledge all of them, 6 to resolve all."], says);

        var action = new Uri((string)gather.Attribute("action")!);
        Assert.Equal(BaseUrl + "/" + TwilioRoutes.VoiceGather, action.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(action.Query);
        Assert.Equal("acme", query[TwilioRoutes.AccountParameter].ToString());
        Assert.Equal("45,44,43", query[TwilioRoutes.IncidentParameter].ToString());
        Assert.Equal("alice", query[TwilioRoutes.UserParameter].ToString());
        Assert.Equal("job-1", query[TwilioRoutes.JobParameter].ToString());
    }

    [Fact]
    public void A_long_title_is_read_up_to_the_spoken_limit()
    {
        var title = string.Concat(Enumerable.Repeat("abcdefghij", 100));
        var say = Parse(VoiceTwiml.ForPage(Page(new PagedIncident("acme", 1, title, Urgency.Low)), BaseUrl)).Element("Gather")!.Elements().First().Value;

        Assert.Equal($"Klaxon alert. Incident 1, urgency low: {title[..VoiceTwiml.MaxSpokenTitle]}.", say);
    }

    [Fact]
    public void A_big_summary_shortens_titles_to_stay_within_4000_characters_and_keeps_every_number()
    {
        var incidents = Enumerable.Range(100, 40).Select(n => new PagedIncident("acme", n, $"Service {n} <down> & " + new string('z', 300), Urgency.High)).ToArray();
        var twiml = Parse(VoiceTwiml.ForPage(Page(incidents), BaseUrl));

        var said = twiml.Element("Gather")!.Elements().First().Value;
        Assert.StartsWith("Klaxon alert. You have 40 incidents waiting: incident 100, Service 100 <down>", said);
        foreach (var incident in incidents)
        {
            Assert.Contains($"incident {incident.Number}", said);
        }
        Assert.Contains(string.Join(",", incidents.Select(i => i.Number)), (string)twiml.Element("Gather")!.Attribute("action")!);
    }
}
