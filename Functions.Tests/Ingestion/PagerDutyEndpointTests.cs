using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>PagerDuty Events API v2 over real HTTP on DevHost: <c>POST /v2/enqueue</c> by routing key, and the integration URL.</summary>
[Collection(DevHostCollection.Name)]
public class PagerDutyEndpointTests(DevHostFixture devHost)
{
    private static string Trigger(string routingKey, string? dedupKey = "db1-disk") =>
        new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject { ["summary"] = "Disk full on db1", ["source"] = "db1", ["severity"] = "critical" },
            ["client"] = "Monitoring",
        }.ToJsonString();

    [Fact]
    public async Task Generated_tokens_for_pagerduty_integrations_look_like_pagerduty_keys()
    {
        var account = await devHost.CreateAccountAsync(type: "pagerduty", generateToken: true);

        Assert.Matches("^[0-9a-f]{32}$", account.Token);
    }

    [Fact]
    public async Task Enqueue_by_routing_key_triggers_answers_like_pagerduty_and_resolves()
    {
        var account = await devHost.CreateAccountAsync(type: "pagerduty", generateToken: true);

        using var triggered = await devHost.PostWebhookAsync("v2/enqueue", Trigger(account.Token));

        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Equal("""{"status":"success","message":"Event processed","dedup_key":"db1-disk"}""", await triggered.Content.ReadAsStringAsync());
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal(("Disk full on db1", "critical", "db1-disk"), ((string?)incident["title"], (string?)incident["urgency"], (string?)incident["dedupKey"]));
        Assert.Equal("Monitoring", (string?)incident["details"]!["client"]);

        using var resolved = await devHost.PostWebhookAsync("v2/enqueue",
            $$"""{"routing_key":"{{account.Token}}","event_action":"resolve","dedup_key":"db1-disk"}""");
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
    }

    [Fact]
    public async Task A_trigger_without_dedup_key_is_answered_the_generated_key()
    {
        var account = await devHost.CreateAccountAsync(type: "pagerduty");

        using var triggered = await devHost.PostWebhookAsync(account.WebhookPath, Trigger("anything", dedupKey: null));

        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        var key = (string?)(await triggered.Content.ReadFromJsonAsync<JsonObject>())!["dedup_key"];
        Assert.Matches("^[0-9a-f]{32}$", key);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal(key, (string?)incident["dedupKey"]);
    }

    [Fact]
    public async Task An_invalid_event_is_400_in_pagerduty_shape_naming_every_problem()
    {
        var account = await devHost.CreateAccountAsync(type: "pagerduty");
        const string body = """{"event_action":"trigger","payload":{"summary":"","severity":"fatal"}}""";

        using var byKey = await devHost.PostWebhookAsync("v2/enqueue", body.Replace("{\"event_action\"", $"{{\"routing_key\":\"{account.Token}\",\"event_action\"", StringComparison.Ordinal));
        using var byUrl = await devHost.PostWebhookAsync(account.WebhookPath, body);

        foreach (var response in (HttpResponseMessage[])[byKey, byUrl])
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(
                """{"status":"invalid event","message":"Event object is invalid","errors":["payload.summary must not be empty","payload.source is required","payload.severity must be one of critical, error, warning or info"]}""",
                await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(await devHost.ListIncidentsAsync(account.Id));
    }

    [Fact]
    public async Task Without_a_routing_key_enqueue_says_so()
    {
        using var response = await devHost.PostWebhookAsync("v2/enqueue", """{"event_action":"resolve","dedup_key":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["routing_key is required"], (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => (string?)e));
    }

    [Fact]
    public async Task Unknown_disabled_or_other_type_routing_keys_all_get_the_same_404_whatever_the_body()
    {
        var disabled = await devHost.CreateAccountAsync(enabled: false, type: "pagerduty");
        var webhookType = await devHost.CreateAccountAsync();
        string[] keys = [Guid.NewGuid().ToString("N"), disabled.Token, webhookType.Token];
        foreach (var key in keys)
        {
            foreach (var body in (string[])[Trigger(key), $$"""{"routing_key":"{{key}}","event_action":"nope"}"""])
            {
                using var response = await devHost.PostWebhookAsync("v2/enqueue", body);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("""{"status":"not_found"}""", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Empty(await devHost.ListIncidentsAsync(disabled.Id));
        Assert.Empty(await devHost.ListIncidentsAsync(webhookType.Id));
    }

    [Fact]
    public async Task A_pagerduty_integration_url_with_a_wrong_token_is_the_uniform_404()
    {
        var account = await devHost.CreateAccountAsync(type: "pagerduty");

        using var response = await devHost.PostWebhookAsync($"integration/{account.Id}/{account.IntegrationId}/{account.Token}x", Trigger(account.Token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"status":"not_found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Non_json_to_enqueue_is_415_in_pagerduty_shape()
    {
        using var response = await devHost.PostWebhookAsync("v2/enqueue", "routing_key=x", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("invalid event", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
    }
}
