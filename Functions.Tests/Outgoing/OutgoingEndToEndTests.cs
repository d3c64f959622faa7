using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Outgoing;

/// <summary>
/// Outgoing webhooks and Slack posts through DevHost end to end: configured in the account document, triggered by a
/// real webhook and the management API, delivered by the queue listener to receivers on loopback; the address rules
/// answered as 400s at their JSON paths; a receiver that never answers leaves paging alone; who may read the delivery log.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class OutgoingEndToEndTests(DevHostFixture devHost)
{
    private static JsonObject Document(string accountId, string integrationId, string token, JsonArray? webhooks, JsonArray? chat) => new()
    {
        ["id"] = accountId,
        ["name"] = "Outgoing " + accountId,
        ["users"] = new JsonArray(new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["email"] = "alice@example.com" }),
        ["teams"] = new JsonArray(new JsonObject
        {
            ["id"] = "ops",
            ["name"] = "Operations",
            ["escalationPolicy"] = new JsonObject
            {
                ["layers"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["user"] = "alice" }), ["escalateAfter"] = "PT5M" }),
            },
            ["chat"] = chat ?? [],
        }),
        ["integrations"] = new JsonArray(new JsonObject
        {
            ["id"] = integrationId, ["token"] = token, ["name"] = "Monitor", ["urgency"] = "high", ["team"] = "ops",
        }),
        ["outgoingWebhooks"] = webhooks ?? [],
    };

    private static (string Account, string Integration, string Token) NewIds() =>
        ("og" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_webhook_and_a_Slack_post_follow_an_incident_from_open_to_acknowledge()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        await using var slack = await WebhookReceiver.StartAsync();
        var (account, integration, token) = NewIds();
        var document = Document(account, integration, token,
            [new JsonObject { ["id"] = "audit", ["url"] = hook.Url, ["events"] = new JsonArray("opened", "acknowledged") }],
            [new JsonObject { ["kind"] = "slack", ["url"] = slack.Url }]);

        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account}/config", document.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        var generated = Assert.Single(saved["generatedSecrets"]!.AsArray())!;
        Assert.Equal("audit", (string)generated["webhookId"]!);
        hook.Secret = (string)generated["secret"]!;
        using (var get = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account}/config"))
        {
            var shown = await get.Content.ReadAsStringAsync();
            Assert.DoesNotContain(hook.Secret, shown, StringComparison.Ordinal);
            Assert.Contains(hook.Url, shown, StringComparison.Ordinal);
        }

        using var accepted = await devHost.PostWebhookAsync($"integration/{account}/{integration}/{token}",
            """{"event_type":"create","Id":"disk-db1","Title":"Disk full on db1"}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var opened = await hook.WaitForAsync(r => r.EventType == "incident.opened");
        var number = (long)opened.Json["incident"]!["number"]!;
        using (var ack = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account}/incidents/{number}/acknowledge", """{"user":"alice"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        }
        var acknowledged = await hook.WaitForAsync(r => r.EventType == "incident.acknowledged");
        var slackOpened = await slack.WaitForAsync(r => r.Body.Contains("Opened: #", StringComparison.Ordinal));
        var slackAcknowledged = await slack.WaitForAsync(r => r.Body.Contains("Acknowledged: #", StringComparison.Ordinal));

        Assert.True(opened.SignatureValid);
        Assert.True(acknowledged.SignatureValid);
        Assert.Equal("Disk full on db1", (string)opened.Json["incident"]!["title"]!);
        Assert.Equal("alice", (string)acknowledged.Json["actor"]!["id"]!);
        Assert.Equal("Alice", (string)acknowledged.Json["actor"]!["name"]!);
        BlockKit.AssertValidMessage(slackOpened.Json);
        BlockKit.AssertValidMessage(slackAcknowledged.Json);
        Assert.Equal("", slackOpened.Signature); // chat URLs are their own credential: nothing to sign
        Assert.Contains("Alice", slackAcknowledged.Body, StringComparison.Ordinal);

        var log = await WaitForDeliveriesAsync($"api/accounts/{account}/webhooks/audit/deliveries", 2);
        Assert.Equal(["incident.acknowledged", "incident.opened"], log.Select(e => (string)e!["eventType"]!));
        Assert.All(log, e => Assert.Equal("delivered", (string)e!["outcome"]!));
        var slackLog = await WaitForDeliveriesAsync($"api/accounts/{account}/teams/ops/chat/0/deliveries", 2);
        Assert.All(slackLog, e => Assert.Equal("delivered", (string)e!["outcome"]!));
        using var badLimit = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account}/webhooks/audit/deliveries?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal("limit", (string)(await badLimit.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task Urls_that_break_the_address_rules_are_400_at_their_path_and_nothing_is_saved()
    {
        var (account, integration, token) = NewIds();
        var document = Document(account, integration, token,
            [
                new JsonObject { ["id"] = "plain", ["url"] = "http://hooks.example.com/klaxon" },
                new JsonObject { ["id"] = "metadata", ["url"] = "https://169.254.169.254/latest" },
            ],
            [new JsonObject { ["kind"] = "teams", ["url"] = "https://10.0.0.7/workflows" }]);

        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account}/config", document.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = (await put.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(["$.outgoingWebhooks[0].url", "$.outgoingWebhooks[1].url", "$.teams[0].chat[0].url"], errors.Select(e => (string)e!["field"]!));
        Assert.Contains("must be an https URL", (string)errors[0]!["message"]!, StringComparison.Ordinal);
        Assert.Contains("link-local", (string)errors[1]!["message"]!, StringComparison.Ordinal);
        // Nothing saved: the account still does not exist, so the operator key may still create it.
        using var create = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account}/config", Document(account, integration, token, null, null).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_hold_up_the_page()
    {
        await using var dead = await WebhookReceiver.StartAsync();
        dead.Hang = true;
        var (account, integration, token) = NewIds();
        using (var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account}/config",
            Document(account, integration, token, [new JsonObject { ["id"] = "dead", ["url"] = dead.Url }], null).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var accepted = await devHost.PostWebhookAsync($"integration/{account}/{integration}/{token}", """{"event_type":"create","Id":"db","Title":"DB down"}""");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await dead.WaitForAsync(r => r.EventType == "incident.opened");
        var incident = await devHost.WaitForIncidentAsync(account, 1, i => i["timeline"]!.AsArray().Any(t => (string)t!["kind"]! == "page"));

        // The page went to its provider while the webhook's request was still held open, unanswered.
        Assert.True(dead.Held > 0, "the receiver should still be holding the webhook's request");
        Assert.Contains(incident["timeline"]!.AsArray(), t => (string)t!["kind"]! == "page" && ((string)t["message"]!).Contains("alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_reaches_the_webhook_once_even_when_the_client_sends_it_twice()
    {
        await using var hook = await WebhookReceiver.StartAsync();
        var (account, integration, token) = NewIds();
        var document = Document(account, integration, token,
            [new JsonObject { ["id"] = "audit", ["url"] = hook.Url, ["events"] = new JsonArray("opened", "noteAdded") }], null);
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account}/config", document.ToJsonString());
        hook.Secret = (string)(await put.Content.ReadFromJsonAsync<JsonObject>())!["generatedSecrets"]![0]!["secret"]!;
        using var accepted = await devHost.PostWebhookAsync($"integration/{account}/{integration}/{token}",
            """{"event_type":"create","Id":"disk-db1","Title":"Disk full on db1"}""");
        var number = (long)(await hook.WaitForAsync(r => r.EventType == "incident.opened")).Json["incident"]!["number"]!;

        const string note = """{"user":"alice","text":"Rotating logs on db1","id":"note-1"}""";
        using var first = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account}/incidents/{number}/notes", note);
        using var again = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account}/incidents/{number}/notes", note);
        var noted = await hook.WaitForAsync(r => r.EventType == "incident.noteAdded");
        var log = await WaitForDeliveriesAsync($"api/accounts/{account}/webhooks/audit/deliveries", 2);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the dropped announcement of the repeat is looked for and given up on meanwhile
        var after = await WaitForDeliveriesAsync($"api/accounts/{account}/webhooks/audit/deliveries", 2);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True(noted.SignatureValid);
        Assert.Contains("Rotating logs on db1", noted.Body, StringComparison.Ordinal);
        Assert.Equal(2, after.Count);
        Assert.Equal(log.Count, after.Count);
    }

    [Theory]
    [InlineData("api/accounts/15/webhooks/audit/deliveries")]
    [InlineData("api/accounts/15/teams/ops/chat/0/deliveries")]
    public async Task Delivery_logs_need_an_api_key(string path)
    {
        using var anonymous = await devHost.Http.GetAsync(path);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, path);
        wrong.Headers.Add("x-functions-key", DevHostFixture.AdminKey + "x");
        using var wrongKey = await devHost.Http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task An_unknown_receiver_has_no_delivery_log()
    {
        var created = await devHost.CreateAccountAsync();
        using var unknown = await devHost.Admin(HttpMethod.Get, $"api/accounts/{created.Id}/webhooks/nope/deliveries");
        using var noChat = await devHost.Admin(HttpMethod.Get, $"api/accounts/{created.Id}/teams/ops/chat/0/deliveries");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noChat.StatusCode);
    }

    private async Task<JsonArray> WaitForDeliveriesAsync(string path, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonArray items = [];
        while (DateTime.UtcNow < deadline)
        {
            using var response = await devHost.Admin(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
            if (items.Count >= count)
            {
                return items;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{path}: {items.Count} attempts logged, expected {count}");
        return items;
    }
}
