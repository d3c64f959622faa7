using System.Net;
using Azure.Data.Tables;
using Klaxon.Notifications.Delivery;
using Klaxon.Notifications.Twilio;
using Klaxon.Storage;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Twilio;

/// <summary><c>POST /twilio/status</c> over real HTTP on DevHost: delivery reports on the incident timeline.</summary>
[Collection(DevHostCollection.Name)]
public class TwilioStatusTests(DevHostFixture devHost)
{
    private readonly TwilioWebhooks _twilio = new(devHost);

    [Fact]
    public async Task Delivered_adds_one_timeline_line_and_a_repeat_adds_nothing()
    {
        var (account, number, job) = await PagedAsync("sms");
        var path = StatusPath(account, number, job);

        foreach (var status in new[] { "sent", "delivered", "delivered", "sent" })
        {
            using var response = await _twilio.PostSignedAsync(path, Message(status));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
        }

        var lines = DeliveryLines(await account.GetIncidentAsync(number));
        Assert.Equal(["SMS to alice sent.", "SMS to alice delivered."], lines);
    }

    [Fact]
    public async Task Failed_carries_the_error_code()
    {
        var (account, number, job) = await PagedAsync("sms");

        using var response = await _twilio.PostSignedAsync(StatusPath(account, number, job), Message("undelivered", errorCode: "30003"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["SMS to alice failed: error 30003."], DeliveryLines(await account.GetIncidentAsync(number)));
    }

    [Fact]
    public async Task Call_statuses_are_recorded_with_answer_and_failure_details()
    {
        var (account, number, answered) = await PagedAsync("voice");
        var busy = await AddDeliveryAsync(account, number, "voice");

        foreach (var status in new[] { "initiated", "ringing", "in-progress", "completed" })
        {
            using var response = await _twilio.PostSignedAsync(StatusPath(account, number, answered), Call(status));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        using (var response = await _twilio.PostSignedAsync(StatusPath(account, number, busy), Call("busy")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        Assert.Equal(["Call to alice sent.", "Call to alice delivered: answered.", "Call to alice failed: busy."],
            DeliveryLines(await account.GetIncidentAsync(number)));
    }

    [Fact]
    public async Task Unknown_statuses_get_200_and_are_ignored()
    {
        var (account, number, job) = await PagedAsync("sms");

        using var response = await _twilio.PostSignedAsync(StatusPath(account, number, job), Message("receiving"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(DeliveryLines(await account.GetIncidentAsync(number)));
    }

    [Fact]
    public async Task Unsigned_badly_signed_and_replayed_requests_get_403_and_change_nothing()
    {
        var (account, number, job) = await PagedAsync("sms");
        var path = StatusPath(account, number, job);
        var sent = Message("sent");
        var signature = _twilio.Sign(path, sent);

        var refused = new[]
        {
            await _twilio.PostAsync(path, Message("delivered"), null),
            await _twilio.PostAsync(path, Message("delivered"), "not-base64"),
            await _twilio.PostAsync(path, new Dictionary<string, string>(sent) { ["MessageStatus"] = "failed", ["ErrorCode"] = "30003" }, signature),
            await _twilio.PostAsync(StatusPath(account, number, "another-job"), sent, signature),
        };
        Assert.All(refused, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Empty(DeliveryLines(await account.GetIncidentAsync(number)));

        using var genuine = await _twilio.PostAsync(path, sent, signature);
        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
        Assert.Equal(["SMS to alice sent."], DeliveryLines(await account.GetIncidentAsync(number)));
        foreach (var response in refused)
        {
            response.Dispose();
        }
    }

    private async Task<(PhoneAccount Account, long Number, string Job)> PagedAsync(string channel)
    {
        var account = await _twilio.CreateAccountAsync();
        var number = await account.OpenIncidentAsync("Database down");
        return (account, number, await AddDeliveryAsync(account, number, channel));
    }

    /// <summary>The delivery record PageDelivery writes after handing a page to Twilio.</summary>
    private async Task<string> AddDeliveryAsync(PhoneAccount account, long number, string channel)
    {
        var job = "job-" + Guid.NewGuid().ToString("N");
        await devHost.Tables.GetTableClient(StorageNames.IncidentsTable).AddEntityAsync(new TableEntity(account.Id, DeliveryLog.DeliveryRow(job))
        {
            ["Incident"] = number,
            ["Channel"] = channel,
            ["User"] = "alice",
            ["State"] = "queued",
        });
        return job;
    }

    private static string StatusPath(PhoneAccount account, long number, string job) =>
        TwilioRoutes.StatusCallback(TwilioWebhooks.PublicUrl(""), account.Id, number, job)[TwilioWebhooks.PublicUrl("").Length..];

    private static Dictionary<string, string> Message(string status, string? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = Klaxon.DevHost.ProviderMocks.TwilioAccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["From"] = TwilioWebhooks.KlaxonNumber,
            ["MessageSid"] = "SM0123456789abcdef0123456789abcdef",
            ["MessageStatus"] = status,
            ["SmsSid"] = "SM0123456789abcdef0123456789abcdef",
            ["SmsStatus"] = status,
            ["To"] = "+15551230001",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }
        return form;
    }

    private static Dictionary<string, string> Call(string status) => new()
    {
        ["AccountSid"] = Klaxon.DevHost.ProviderMocks.TwilioAccountSid,
        ["CallSid"] = "CA0123456789abcdef0123456789abcdef",
        ["CallStatus"] = status,
        ["CallDuration"] = status == "completed" ? "35" : "0",
        ["Direction"] = "outbound-api",
        ["From"] = TwilioWebhooks.KlaxonNumber,
        ["To"] = "+15551230001",
    };

    private static List<string> DeliveryLines(System.Text.Json.Nodes.JsonObject incident) =>
        [.. incident["timeline"]!.AsArray().Where(line => (string?)line!["kind"] == "delivery").Select(line => (string)line!["message"]!)];
}
