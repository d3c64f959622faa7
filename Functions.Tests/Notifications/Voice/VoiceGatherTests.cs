using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Klaxon.DevHost;
using Klaxon.Notifications.Twilio;
using Klaxon.Notifications.Voice;
using Klaxon.Tests.Notifications.Twilio;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Voice;

/// <summary><c>POST /twilio/voice/gather</c> over real HTTP on DevHost: the keypad on a page call.</summary>
[Collection(DevHostCollection.Name)]
public class VoiceGatherTests(DevHostFixture devHost)
{
    private readonly TwilioWebhooks _twilio = new(devHost);

    [Fact]
    public async Task Four_acknowledges_as_the_called_user()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");

        var twiml = await PressAsync(ActionPath(account, number), account.AlicePhone, "4");

        Assert.Equal($"Incident {number} acknowledged. Goodbye.", Assert.Single(twiml.Root!.Elements()).Value);
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
        Assert.Equal("alice", (string?)acknowledged["acknowledgedBy"]);
        Assert.Contains("Acknowledged by alice via voice.", PhoneAccount.Messages(acknowledged));
    }

    [Fact]
    public async Task Six_resolves()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");

        var twiml = await PressAsync(ActionPath(account, number, user: "bob"), account.BobPhone, "6");

        Assert.Equal($"Incident {number} resolved. Goodbye.", twiml.Root!.Element("Say")!.Value);
        var resolved = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "resolved");
        Assert.Contains("Resolved by bob via voice.", PhoneAccount.Messages(resolved));
    }

    [Fact]
    public async Task A_summary_call_acts_on_every_listed_incident_and_names_those_already_resolved()
    {
        var account = await _twilio.CreateAccountAsync();
        var numbers = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add(await account.OpenIncidentAsync($"Incident {i}"));
        }
        using (var resolve = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/{numbers[2]}/resolve", """{"user":"bob"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, resolve.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, numbers[2], i => (string?)i["status"] == "resolved");
        // The list as a URL builder that escapes commas would send it.
        var path = $"{TwilioRoutes.VoiceGather}?a={account.Id}&n={string.Join("%2C", numbers)}&u=alice&j=summary-1";

        var twiml = await PressAsync(path, account.AlicePhone, "4");

        Assert.Equal($"Incidents {numbers[0]} and {numbers[1]} acknowledged. Incident {numbers[2]} is already resolved. Goodbye.", twiml.Root!.Element("Say")!.Value);
        foreach (var number in numbers[..2])
        {
            var incident = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
            Assert.Equal("alice", (string?)incident["acknowledgedBy"]);
        }
    }

    [Fact]
    public async Task Another_digit_asks_again_with_the_same_signed_action_url()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        var path = ActionPath(account, number);

        using var response = await _twilio.PostSignedAsync(path, TwilioWebhooks.Gather(account.AlicePhone, "9"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("&amp;n=", text, StringComparison.Ordinal);
        var gather = XDocument.Parse(text).Root!.Element("Gather")!;
        Assert.Equal(TwilioWebhooks.PublicUrl(path), (string?)gather.Attribute("action"));
        Assert.Equal("1", (string?)gather.Attribute("numDigits"));
        Assert.Equal($"Press 4 to acknowledge incident {number}, or 6 to resolve it.", gather.Element("Say")!.Value);

        // The re-prompt's action, signed by Twilio over that URL, lands here and acts.
        await PressAsync(new Uri((string)gather.Attribute("action")!).PathAndQuery.TrimStart('/'), account.AlicePhone, "4");
        await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
    }

    [Fact]
    public async Task A_call_not_to_the_users_phone_or_for_an_unknown_user_hangs_up_and_changes_nothing()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");

        foreach (var (path, callee) in new[]
        {
            (ActionPath(account, number), account.BobPhone),
            (ActionPath(account, number), TwilioWebhooks.NewPhone()),
            (ActionPath(account, number, user: "mallory"), account.AlicePhone),
            ($"{TwilioRoutes.VoiceGather}?a={account.Id}&n={number}&j=job-1", account.AlicePhone),
        })
        {
            var twiml = await PressAsync(path, callee, "6");
            Assert.Equal(["Say", "Hangup"], twiml.Root!.Elements().Select(e => e.Name.LocalName));
        }

        await PressAsync(ActionPath(account, number), account.AlicePhone, "4");
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
        Assert.Equal(["Acknowledged by alice via voice."], VoiceLines(acknowledged));
    }

    [Fact]
    public async Task Unsigned_badly_signed_and_replayed_requests_get_403_and_change_nothing()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        var path = ActionPath(account, number);
        var acknowledge = TwilioWebhooks.Gather(account.AlicePhone, "4");
        var signature = _twilio.Sign(path, acknowledge);

        var refused = new[]
        {
            await _twilio.PostAsync(path, TwilioWebhooks.Gather(account.AlicePhone, "6"), null),
            await _twilio.PostAsync(path, TwilioWebhooks.Gather(account.AlicePhone, "6"), Convert.ToBase64String(new byte[20])),
            await _twilio.PostAsync(path, new Dictionary<string, string>(acknowledge) { ["Digits"] = "6" }, signature),
            await _twilio.PostAsync(ActionPath(account, number, user: "bob"), acknowledge, signature),
        };
        Assert.All(refused, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));

        using var genuine = await _twilio.PostAsync(path, acknowledge, signature);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");
        Assert.Equal(["Acknowledged by alice via voice."], VoiceLines(acknowledged));
        foreach (var response in refused)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_replayed_keypress_acts_once_and_is_hung_up_on()
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        var path = ActionPath(account, number);
        var captured = TwilioWebhooks.Gather(account.AlicePhone, "4");
        var signature = _twilio.Sign(path, captured);

        using (var original = await _twilio.PostAsync(path, captured, signature))
        {
            Assert.Equal($"Incident {number} acknowledged. Goodbye.", XDocument.Parse(await original.Content.ReadAsStringAsync()).Root!.Element("Say")!.Value);
        }
        await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "acknowledged");

        // The same validly signed request, replayed later.
        using var replay = await _twilio.PostAsync(path, captured, signature);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var twiml = XDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal(["Say", "Hangup"], twiml.Root!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(VoiceGatherText.AlreadyActedOn, twiml.Root!.Element("Say")!.Value);
        // A fresh press on another call still acts, and it is the only other line: the replay queued nothing.
        await PressAsync(ActionPath(account, number), account.AlicePhone, "6");
        var resolved = await devHost.WaitForIncidentAsync(account.Id, number, i => (string?)i["status"] == "resolved");
        Assert.Equal(["Acknowledged by alice via voice.", "Resolved by alice via voice."], VoiceLines(resolved));
    }

    [Fact]
    public async Task The_same_call_may_press_again_at_another_step()
    {
        var account = await _twilio.CreateAccountAsync();
        var first = await account.OpenIncidentAsync("Database down");
        var second = await account.OpenIncidentAsync("Disk full");
        var call = TwilioWebhooks.Gather(account.AlicePhone, "4");

        // One call (one CallSid), two gather steps (two action URLs): each acts.
        foreach (var number in new[] { first, second })
        {
            using var response = await _twilio.PostSignedAsync(ActionPath(account, number), call);
            Assert.Equal($"Incident {number} acknowledged. Goodbye.", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Say")!.Value);
        }
        await devHost.WaitForIncidentAsync(account.Id, first, i => (string?)i["status"] == "acknowledged");
        await devHost.WaitForIncidentAsync(account.Id, second, i => (string?)i["status"] == "acknowledged");
    }

    /// <summary>The action URL as the outbound call's TwiML gives it to Twilio, relative to the public base.</summary>
    private static string ActionPath(PhoneAccount account, long number, string user = "alice") =>
        TwilioRoutes.GatherAction(ProviderMocks.PublicBaseUrl, account.Id, number, user, "job-" + Guid.NewGuid().ToString("N"))[(ProviderMocks.PublicBaseUrl.Length + 1)..];

    private async Task<XDocument> PressAsync(string path, string callee, string digits)
    {
        using var response = await _twilio.PostSignedAsync(path, TwilioWebhooks.Gather(callee, digits));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> VoiceLines(JsonObject incident) =>
        [.. incident["timeline"]!.AsArray().Where(line => (string?)line!["source"] == "voice").Select(line => (string)line!["message"]!)];
}
