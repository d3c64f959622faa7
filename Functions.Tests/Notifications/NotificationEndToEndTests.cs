using System.Net;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications;

/// <summary>
/// The whole flow on DevHost with its Prism mocks: a webhook opens an incident, escalation pages the on-call user by
/// SMS, voice and email through the real Twilio and SendGrid libraries (Prism validates every request against the
/// official API descriptions), and the user acknowledges by replying to the SMS.
/// </summary>
[Collection(DevHostCollection.Name)]
public class NotificationEndToEndTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Pages_reach_the_providers_as_valid_requests_and_an_sms_reply_acknowledges()
    {
        var phone = "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (accountId, webhook) = await CreateAccountAsync(phone);
        var violations = devHost.Providers.Violations.Count;
        var twilio = devHost.Providers.Twilio.Passed;
        var sendGrid = devHost.Providers.SendGrid.Passed;

        using var created = await devHost.PostWebhookAsync(webhook, """{"event_type":"create","Id":"db1","Title":"Database down","Description":"primary is not answering"}""");
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync());
        var incident = await devHost.WaitForIncidentAsync(accountId, 1, i => Lines(i, "page").Count == 3);

        var pages = Lines(incident, "page");
        Assert.Contains(pages, line => line.StartsWith("Paged carol by sms (twilio SM", StringComparison.Ordinal));
        Assert.Contains(pages, line => line.StartsWith("Paged carol by voice (twilio CA", StringComparison.Ordinal));
        Assert.Contains(pages, line => line.StartsWith("Paged carol by email (sendgrid ", StringComparison.Ordinal));
        Assert.True(devHost.Providers.Twilio.Passed - twilio >= 2, "Prism validated the SMS and the call");
        Assert.True(devHost.Providers.SendGrid.Passed - sendGrid >= 1, "Prism validated the email");
        Assert.Equal(violations, devHost.Providers.Violations.Count);

        using var reply = devHost.AdminRequest(HttpMethod.Post, "devhost/twilio/sms");
        reply.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["From"] = phone, ["Body"] = "1a" });
        using var answer = await devHost.Http.SendAsync(reply);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Acknowledging #1", await answer.Content.ReadAsStringAsync());

        var acknowledged = await devHost.WaitForIncidentAsync(accountId, 1, i => (string?)i["status"] == "acknowledged");
        Assert.Equal("carol", (string?)acknowledged["acknowledgedBy"]);
        Assert.Equal("sms", (string?)acknowledged["acknowledgedVia"]);
        Assert.Contains("Acknowledged by carol via sms.", Lines(acknowledged, "acknowledged"));
    }

    private static List<string> Lines(JsonObject incident, string kind) =>
        [.. incident["timeline"]!.AsArray().Where(t => (string?)t!["kind"] == kind).Select(t => (string)t!["message"]!)];

    private async Task<(string AccountId, string Webhook)> CreateAccountAsync(string phone)
    {
        var id = "e2e" + Guid.NewGuid().ToString("N")[..12];
        var token = Guid.NewGuid().ToString("N");
        var document = $$"""
            {
              "id": "{{id}}", "name": "Channels",
              "users": [{ "id": "carol", "name": "Carol", "phone": "{{phone}}", "email": "carol@example.test",
                          "notificationRules": { "high": [{ "channel": "sms" }, { "channel": "voice" }, { "channel": "email" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "carol" }], "escalateAfter": "PT5M" }] } }],
              "integrations": [{ "id": "mon", "token": "{{token}}", "name": "Monitor", "urgency": "high", "team": "ops" }]
            }
            """;
        using var response = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (id, $"integration/{id}/mon/{token}");
    }
}
