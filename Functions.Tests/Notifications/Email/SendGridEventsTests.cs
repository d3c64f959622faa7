using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Klaxon.Notifications.Delivery;
using Klaxon.Notifications.Email;
using Klaxon.Storage;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Email;

/// <summary>SendGrid's signed event webhook through DevHost, signed with the key DevHost is configured to trust.</summary>
[Collection(DevHostCollection.Name)]
public class SendGridEventsTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Signed_events_move_the_delivery_forward_and_add_timeline_lines()
    {
        var (account, job) = await PagedIncidentAsync();
        var body = Events(
            Event("delivered", account.Id, job, 1_700_000_010),
            Event("processed", account.Id, job, 1_700_000_000),
            Event("open", account.Id, job, 1_700_000_020),
            new JsonObject { ["event"] = "delivered", ["email"] = "someone@example.com", ["timestamp"] = 1_700_000_030 });

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((2, 2), ((int)answer["recorded"]!, (int)answer["ignored"]!));
        Assert.Equal(["Email to alice sent.", "Email to alice delivered."], await DeliveryLinesAsync(account));
        Assert.Equal("delivered", await StateAsync(account, job));

        // SendGrid retries and repeats: nothing moves backwards or is written twice.
        using var again = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["Email to alice sent.", "Email to alice delivered."], await DeliveryLinesAsync(account));
    }

    [Fact]
    public async Task A_bounce_fails_the_delivery_with_SendGrids_reason()
    {
        var (account, job) = await PagedIncidentAsync();
        var bounce = Event("bounce", account.Id, job, 1_700_000_000);
        bounce["reason"] = "550 5.1.1 The email account does not exist.";
        bounce["type"] = "bounce";

        using var response = await PostAsync(Events(bounce));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Email to alice failed: 550 5.1.1 The email account does not exist."], await DeliveryLinesAsync(account));
        Assert.Equal("failed", await StateAsync(account, job));
    }

    [Fact]
    public async Task Unsigned_or_wrongly_signed_events_get_403_and_change_nothing()
    {
        var (account, job) = await PagedIncidentAsync();
        var body = Events(Event("delivered", account.Id, job, 1_700_000_000));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var altered = Events(Event("delivered", account.Id, job, 1_700_000_001));

        var attempts = new (string? Signature, string? Timestamp, string Body)[]
        {
            (null, null, body),
            (null, timestamp, body),
            (Sign(devHost.Providers.SendGridWebhookKey, timestamp, body), null, body),
            ("not base64!", timestamp, body),
            (Sign(otherKey, timestamp, body), timestamp, body),
            (Sign(devHost.Providers.SendGridWebhookKey, timestamp, body), timestamp, altered), // replayed signature, changed body
            (Sign(devHost.Providers.SendGridWebhookKey, timestamp, body), "1" + timestamp, body), // changed timestamp
        };
        foreach (var (signature, stamp, content) in attempts)
        {
            using var response = await PostAsync(content, signature, stamp);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Empty(await DeliveryLinesAsync(account));
        Assert.Equal("queued", await StateAsync(account, job));
        using var genuine = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode); // the same body, properly signed, is accepted
        Assert.Equal(["Email to alice delivered."], await DeliveryLinesAsync(account));
    }

    [Theory]
    [InlineData("{\"event\":\"delivered\"}", "body must be a JSON array of event objects")]
    [InlineData("[{\"event\":\"delivered\"", "body must be valid JSON")]
    [InlineData("[1]", "[0] must be an event object")]
    public async Task Malformed_json_with_a_valid_signature_gets_400_naming_the_problem(string body, string problem)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith(problem, (string?)answer["errors"]![0]!["message"]);
    }

    private async Task<(TestAccount Account, string JobId)> PagedIncidentAsync()
    {
        var account = await devHost.CreateAccountAsync();
        using (var created = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":"x","Title":"t","Description":"d"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        // The delivery record PageDelivery writes when it hands a page to SendGrid.
        var job = "job-" + Guid.NewGuid().ToString("N");
        await Table.AddEntityAsync(new TableEntity(account.Id, DeliveryLog.DeliveryRow(job))
        {
            ["Incident"] = 1L,
            ["Channel"] = "email",
            ["User"] = "alice",
            ["State"] = "queued",
        });
        return (account, job);
    }

    private TableClient Table => devHost.Tables.GetTableClient(StorageNames.IncidentsTable);

    private async Task<string?> StateAsync(TestAccount account, string job) =>
        (await Table.GetEntityAsync<TableEntity>(account.Id, DeliveryLog.DeliveryRow(job))).Value.GetString("State");

    private async Task<List<string>> DeliveryLinesAsync(TestAccount account)
    {
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        return [.. incident["timeline"]!.AsArray()
            .Where(t => (string?)t!["kind"] == "delivery" && (string?)t["source"] == "sendgrid")
            .Select(t => (string)t!["message"]!)];
    }

    private static JsonObject Event(string kind, string account, string job, long timestamp) => new()
    {
        ["email"] = "alice@example.com",
        ["timestamp"] = timestamp,
        ["event"] = kind,
        ["sg_message_id"] = "msg." + job,
        [SendGridEmailSender.AccountArg] = account,
        [SendGridEmailSender.IncidentArg] = "1",
        [SendGridEmailSender.JobArg] = job,
    };

    private static string Events(params JsonObject[] events) => new JsonArray([.. events]).ToJsonString();

    private Task<HttpResponseMessage> PostAsync(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return PostAsync(body, Sign(devHost.Providers.SendGridWebhookKey, timestamp, body), timestamp);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SendGridEventsFunction.Route)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add(SendGridWebhookVerifier.SignatureHeader, signature);
        }
        if (timestamp is not null)
        {
            request.Headers.Add(SendGridWebhookVerifier.TimestampHeader, timestamp);
        }
        return await devHost.Http.SendAsync(request);
    }

    /// <summary>What SendGrid does: ECDSA P-256 over the timestamp followed by the body, DER, base64.</summary>
    private static string Sign(ECDsa key, string timestamp, string body) => Convert.ToBase64String(
        key.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
}
