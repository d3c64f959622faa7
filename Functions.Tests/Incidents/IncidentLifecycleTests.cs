using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Incidents;

/// <summary>Open, deduplicate, acknowledge and resolve end to end: webhook → queue → apply → management API.</summary>
[Collection(DevHostCollection.Name)]
public class IncidentLifecycleTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Create_dedup_acknowledge_resolve_then_the_same_Id_opens_a_new_incident()
    {
        var account = await devHost.CreateAccountAsync();
        await Send(account, """{"event_type":"create","Id":"api-5xx","Title":"5xx rate","Description":"over 2%"}""");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        await Send(account, """{"event_type":"create","Id":"api-5xx","Title":"5xx rate","Description":"over 3%"}""");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (int?)i["alertCount"] == 2);

        using (var ack = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"alice"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
            var body = (await ack.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(("accepted", "acknowledge", 1L), ((string?)body["status"], (string?)body["action"], (long?)body["number"]));
        }
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "acknowledged");
        Assert.Equal("alice", (string?)acknowledged["acknowledgedBy"]);
        Assert.NotNull((string?)acknowledged["acknowledgedAt"]);

        await Send(account, """{"event_type":"resolve","Id":"api-5xx"}""");
        var resolved = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        Assert.Equal("Monitor", (string?)resolved["resolvedBy"]);
        Assert.Equal(2, (int?)resolved["alertCount"]);
        Assert.Equal(["opened", "alert", "acknowledged", "resolved"], resolved["timeline"]!.AsArray()
            .Where(t => (string?)t!["source"] is "webhook" or "api").Select(t => (string?)t!["kind"]));

        await Send(account, """{"event_type":"create","Id":"api-5xx","Title":"5xx rate","Description":"again"}""");
        var second = await devHost.WaitForIncidentAsync(account.Id, 2, i => true);
        Assert.Equal(("open", "api-5xx", 1), ((string?)second["status"], (string?)second["dedupKey"], (int?)second["alertCount"]));
    }

    [Fact]
    public async Task A_resolve_received_after_its_create_resolves_that_incident_whatever_order_the_queue_delivers_them()
    {
        var account = await devHost.CreateAccountAsync();
        // Received in this order by the endpoint; the queue may deliver them either way.
        await Send(account, """{"event_type":"create","Id":"reorder","Title":"t","Description":"d"}""");
        await Send(account, """{"event_type":"resolve","Id":"reorder"}""");

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        Assert.Equal(1, (int?)incident["alertCount"]);
    }

    [Fact]
    public async Task Two_creates_for_a_new_Id_sent_back_to_back_open_incident_1_with_both_alerts()
    {
        // Sent together, they reach the applier in one receive and are applied at once; the second used to be able to
        // commit first, as #2, leaving no incident #1.
        var accounts = new List<TestAccount>();
        for (var i = 0; i < 6; i++)
        {
            accounts.Add(await devHost.CreateAccountAsync());
        }
        await Task.WhenAll(accounts.SelectMany(account => new[]
        {
            Send(account, """{"event_type":"create","Id":"twice","Title":"t","Description":"first"}"""),
            Send(account, """{"event_type":"create","Id":"twice","Title":"t","Description":"second"}"""),
        }));

        foreach (var account in accounts)
        {
            var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (int?)i["alertCount"] == 2);
            Assert.Single(await devHost.ListIncidentsAsync(account.Id));
        }
    }

    [Fact]
    public async Task Listing_is_newest_first_filters_by_status_and_pages_with_a_continuation()
    {
        var account = await devHost.CreateAccountAsync();
        for (var i = 1; i <= 5; i++)
        {
            await Send(account, $$"""{"event_type":"create","Id":"k{{i}}","Title":"t{{i}}","Description":"d"}""");
            await devHost.WaitForIncidentAsync(account.Id, i, _ => true);
        }
        await Send(account, """{"event_type":"resolve","Id":"k2"}""");
        await devHost.WaitForIncidentAsync(account.Id, 2, i => (string?)i["status"] == "resolved");

        var all = await devHost.ListIncidentsAsync(account.Id);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], all.Select(i => (long)i!["number"]!));
        Assert.All(all, i => Assert.Null(i!["timeline"]));
        var resolved = await devHost.ListIncidentsAsync(account.Id, "?status=resolved");
        Assert.Equal([2L], resolved.Select(i => (long)i!["number"]!));

        var numbers = new List<long>();
        string? continuation = null;
        do
        {
            using var page = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/incidents?limit=2" + (continuation is null ? "" : $"&continuation={continuation}"));
            var body = (await page.Content.ReadFromJsonAsync<JsonObject>())!;
            numbers.AddRange(body["items"]!.AsArray().Select(i => (long)i!["number"]!));
            continuation = (string?)body["continuation"];
        }
        while (continuation is not null);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], numbers);
    }

    [Theory]
    [InlineData("?status=closed", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=abc", "limit")]
    [InlineData("?continuation=%25%25", "continuation")]
    [InlineData("?continuation=abcd", "continuation")]
    [InlineData("?continuation=YR1i", "continuation")] // decodes, but to "a\u001db": no token the table made
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var account = await devHost.CreateAccountAsync();
        using var response = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/incidents{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Text_that_is_not_unicode_is_400_on_actions_and_configuration_never_500()
    {
        var account = await devHost.CreateAccountAsync();
        await Send(account, """{"event_type":"create","Id":"x","Title":"t","Description":"d"}""");
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);

        using var action = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"\ud800"}""");
        using var config = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account.Id}/config",
            $$"""{"id":"{{account.Id}}","name":"x\udc00y","users":[],"teams":[],"integrations":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        Assert.Contains("unpaired UTF-16 surrogate", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, config.StatusCode);
        Assert.Contains("unpaired UTF-16 surrogate", await config.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_needs_a_known_user_and_an_existing_incident()
    {
        var account = await devHost.CreateAccountAsync();
        await Send(account, """{"event_type":"create","Id":"x","Title":"t","Description":"d"}""");
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);

        using var unknownUser = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"mallory"}""");
        using var noUser = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/resolve", "{}");
        using var missing = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/99/acknowledge", """{"user":"alice"}""");
        using var notANumber = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/incidents/abc");

        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Equal("user", (string?)(await unknownUser.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.BadRequest, noUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notANumber.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal("open", (string?)incident["status"]);
    }

    [Fact]
    public async Task Incident_json_has_every_documented_field()
    {
        var account = await devHost.CreateAccountAsync();
        await Send(account, """{"event_type":"create","Id":"fields","Title":"t","Description":"d"}""");
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        string[] expected = ["number", "id", "dedupKey", "integrationId", "teamId", "title", "description", "urgency", "status", "alertCount",
            "createdAt", "acknowledgedAt", "acknowledgedBy", "acknowledgedVia", "resolvedAt", "resolvedBy", "resolvedVia", "tags", "details", "timeline"];
        Assert.Equal(expected, incident.Select(p => p.Key));
        Assert.Equal(account.IntegrationId, (string?)incident["integrationId"]);
        Assert.True(Guid.TryParse((string?)incident["id"], out _));
    }

    private async Task Send(TestAccount account, string body)
    {
        using var response = await devHost.PostWebhookAsync(account.WebhookPath, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
