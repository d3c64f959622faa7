using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Twilio;
using Klaxon.Tests.Notifications.Twilio;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Sms;

/// <summary><c>POST /twilio/sms</c> over real HTTP on DevHost: replies to pages acknowledge and resolve.</summary>
[Collection(DevHostCollection.Name)]
public class InboundSmsTests(DevHostFixture devHost)
{
    private readonly TwilioWebhooks _twilio = new(devHost);
    private static readonly DateTimeOffset PagedAt = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Number_and_a_acknowledges_that_incident_as_the_paged_user()
    {
        var account = await _twilio.CreateAccountAsync();
        var first = await account.OpenIncidentAsync("Database down");
        var second = await account.OpenIncidentAsync("Disk full");
        await account.RecordPageAsync(account.AlicePhone, first, "alice", PagedAt);
        await account.RecordPageAsync(account.AlicePhone, second, "alice", PagedAt.AddMinutes(1));

        var reply = await SendAsync(account.AlicePhone, $"{first}a");

        Assert.Equal($"Acknowledging #{first} (Database down).", reply);
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, first, i => (string?)i["status"] == "acknowledged");
        Assert.Equal("alice", (string?)acknowledged["acknowledgedBy"]);
        Assert.Contains("Acknowledged by alice via sms.", PhoneAccount.Messages(acknowledged));
        Assert.Equal("open", (string?)(await account.GetIncidentAsync(second))["status"]);
    }

    [Fact]
    public async Task A_bare_r_resolves_the_latest_page_and_a_reply_about_a_resolved_incident_says_so()
    {
        var account = await _twilio.CreateAccountAsync();
        var first = await account.OpenIncidentAsync("Database down");
        var second = await account.OpenIncidentAsync("Disk full");
        await account.RecordPageAsync(account.AlicePhone, second, "alice", PagedAt);
        await account.RecordPageAsync(account.AlicePhone, first, "alice", PagedAt.AddMinutes(1));

        Assert.Equal($"Resolving #{first} (Database down).", await SendAsync(account.AlicePhone, " R "));

        var resolved = await devHost.WaitForIncidentAsync(account.Id, first, i => (string?)i["status"] == "resolved");
        Assert.Contains("Resolved by alice via sms.", PhoneAccount.Messages(resolved));
        Assert.Equal("open", (string?)(await account.GetIncidentAsync(second))["status"]);
        Assert.Equal($"#{first} is already resolved.", await SendAsync(account.AlicePhone, $"#{first} ack"));
    }

    [Fact]
    public async Task A_replayed_reply_acts_once_and_never_on_a_newer_page()
    {
        var account = await _twilio.CreateAccountAsync();
        var first = await account.OpenIncidentAsync("Database down");
        await account.RecordPageAsync(account.AlicePhone, first, "alice", PagedAt);
        var captured = TwilioWebhooks.Sms(account.AlicePhone, "r");

        using (var original = await _twilio.PostSignedAsync(TwilioRoutes.Sms, captured))
        {
            Assert.Equal($"Resolving #{first} (Database down).", MessageOf(await original.Content.ReadAsStringAsync()));
        }
        await devHost.WaitForIncidentAsync(account.Id, first, i => (string?)i["status"] == "resolved");
        // Later, a newer incident is paged to the same phone; a bare "r" would bind to it.
        var newer = await account.OpenIncidentAsync("Disk full");
        await account.RecordPageAsync(account.AlicePhone, newer, "alice", PagedAt.AddMinutes(5));

        using var replay = await _twilio.PostSignedAsync(TwilioRoutes.Sms, captured);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Null(MessageOf(await replay.Content.ReadAsStringAsync()));
        // A fresh reply is still acted on, so nothing else has happened to the newer incident meanwhile.
        Assert.Equal($"Acknowledging #{newer} (Disk full).", await SendAsync(account.AlicePhone, $"{newer}a"));
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, newer, i => (string?)i["status"] == "acknowledged");
        Assert.Single(SmsLines(acknowledged));
    }

    private static string? MessageOf(string twiml) => XDocument.Parse(twiml).Root!.Element("Message")?.Value;

    [Fact]
    public async Task Anything_outside_the_grammar_gets_the_help_text_and_changes_nothing()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        await account.RecordPageAsync(account.AlicePhone, number, "alice", PagedAt);

        foreach (var garbage in new[] { "ok thanks", $"{number}", $"{number}x", "" })
        {
            Assert.Equal(SmsReplyText.Help, await SendAsync(account.AlicePhone, garbage));
        }
        // A valid reply afterwards is the only one that reaches the incident.
        Assert.Equal($"Acknowledging #{number} (Database down).", await SendAsync(account.AlicePhone, $"{number} a"));
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
        Assert.Single(SmsLines(acknowledged));
    }

    [Fact]
    public async Task A_phone_nobody_was_paged_at_is_not_on_any_rota()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");

        // Bob has a phone in the account but was never paged: there is nothing his reply could refer to.
        Assert.Equal(SmsReplyText.NotOnRota, await SendAsync(TwilioWebhooks.NewPhone(), $"{number}a"));
        Assert.Equal(SmsReplyText.NotOnRota, await SendAsync(account.BobPhone, "a"));
    }

    [Fact]
    public async Task A_page_to_a_phone_the_user_no_longer_has_cannot_be_acted_on()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        // Recorded as a page to alice at bob's phone: the phone is not alice's (any more), so the reply may not act as her.
        await account.RecordPageAsync(account.BobPhone, number, "alice", PagedAt);

        Assert.Equal(SmsReplyText.NotOnRota, await SendAsync(account.BobPhone, $"{number}a"));
        await account.RecordPageAsync(account.AlicePhone, number, "alice", PagedAt);
        await SendAsync(account.AlicePhone, $"{number}r");
        var resolved = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "resolved");
        Assert.Equal(["Resolved by alice via sms."], SmsLines(resolved));
    }

    [Fact]
    public async Task A_number_never_paged_to_this_phone_is_refused_by_name()
    {
        var account = await _twilio.CreateAccountAsync();
        var paged = await account.OpenIncidentAsync("Database down");
        var other = await account.OpenIncidentAsync("Disk full");
        await account.RecordPageAsync(account.AlicePhone, paged, "alice", PagedAt);

        Assert.Equal(SmsReplyText.NotPaged(other), await SendAsync(account.AlicePhone, $"{other}a"));
    }

    [Fact]
    public async Task Unsigned_badly_signed_and_replayed_requests_get_403_and_change_nothing()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        await account.RecordPageAsync(account.AlicePhone, number, "alice", PagedAt);
        await account.RecordPageAsync(account.BobPhone, number, "bob", PagedAt);
        var acknowledge = TwilioWebhooks.Sms(account.AlicePhone, $"{number}a");
        var signature = _twilio.Sign(TwilioRoutes.Sms, acknowledge);

        var refused = new[]
        {
            await _twilio.PostAsync(TwilioRoutes.Sms, TwilioWebhooks.Sms(account.AlicePhone, $"{number}r"), null),
            await _twilio.PostAsync(TwilioRoutes.Sms, TwilioWebhooks.Sms(account.AlicePhone, $"{number}r"), signature[..^4] + "AAA="),
            await _twilio.PostAsync(TwilioRoutes.Sms, new Dictionary<string, string>(acknowledge) { ["Body"] = $"{number}r" }, signature),
            await _twilio.PostAsync(TwilioRoutes.Sms, new Dictionary<string, string>(acknowledge) { ["From"] = account.BobPhone, ["Body"] = $"{number}r" }, signature),
            await _twilio.PostAsync(TwilioRoutes.Sms + "?x=1", acknowledge, signature),
        };
        Assert.All(refused, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.All(refused, response => Assert.Equal(0, response.Content.Headers.ContentLength ?? 0));

        // The genuine request, sent afterwards, is the only action on the incident.
        using var genuine = await _twilio.PostAsync(TwilioRoutes.Sms, acknowledge, signature);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
        Assert.Equal(["Acknowledged by alice via sms."], SmsLines(acknowledged));
        foreach (var response in refused)
        {
            response.Dispose();
        }
    }

    private static List<string> SmsLines(JsonObject incident) =>
        [.. incident["timeline"]!.AsArray().Where(line => (string?)line!["source"] == "sms").Select(line => (string)line!["message"]!)];

    /// <summary>Sends a signed SMS from <paramref name="from"/>; returns the text of the TwiML reply.</summary>
    private async Task<string> SendAsync(string from, string body)
    {
        using var response = await _twilio.PostSignedAsync(TwilioRoutes.Sms, TwilioWebhooks.Sms(from, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Response", twiml.Root!.Name.LocalName);
        return Assert.Single(twiml.Root.Elements("Message")).Value;
    }
}
