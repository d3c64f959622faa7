using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Maintenance;

/// <summary>
/// Maintenance windows through DevHost: a scheduled window in the document keeps a new incident quiet and, when it
/// ends, paging starts from layer 1; ad hoc windows are started, listed and ended through the API, and an incident
/// opened under one is recorded and pages nobody. The fixture's timer sweeps every second.
/// </summary>
[Collection(DevHostCollection.Name)]
public class MaintenanceEndToEndTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Opened_in_a_scheduled_window_it_pages_nobody_and_says_so_then_pages_layer_one_when_the_window_ends()
    {
        var now = DateTime.UtcNow;
        var window = $$"""{ "id": "now", "team": "ops", "start": "{{Local(now.AddMinutes(-1))}}", "end": "{{Local(now.AddSeconds(10))}}", "timeZone": "UTC" }""";
        var account = await CreateAccountAsync(window);

        await OpenAsync(account, "quiet");
        var quiet = await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("paused"));
        Assert.StartsWith("Nobody paged: opened during maintenance, window 'now' for team ops", Message(quiet, "paused"), StringComparison.Ordinal);
        Assert.DoesNotContain("page", Kinds(quiet));
        Assert.Equal("open", (string?)quiet["status"]);

        var resumed = await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("alice by sms"));
        Assert.Equal("Maintenance over: paging from the first layer", Message(resumed, "resumed"));
        Assert.Equal(["alice by sms"], Pages(resumed));
    }

    [Fact]
    public async Task Ad_hoc_windows_are_started_listed_and_ended_and_an_incident_opened_under_one_pages_nobody()
    {
        var account = await CreateAccountAsync();

        using var start = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/maintenance",
            """{"team":"ops","minutes":120,"reason":"network work","user":"alice"}""");
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var started = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("active", "ops", "network work", "alice"), ((string?)started["status"], (string?)started["team"], (string?)started["reason"], (string?)started["startedBy"]));
        var id = (string)started["id"]!;

        await OpenAsync(account, "during");
        var quiet = await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("paused"));
        Assert.Contains("ad hoc window started by alice for team ops (network work)", Message(quiet, "paused"), StringComparison.Ordinal);

        using var list = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/maintenance");
        var items = (await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(id, (string?)Assert.Single(items)!["id"]);

        using var end = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/maintenance/{id}/end", "{}");
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal("ended", (string?)(await end.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        using var unknown = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/maintenance/{Guid.NewGuid()}/end", "{}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Acknowledge applies normally during (and after) a window.
        using var ack = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"alice"}""");
        Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        var acknowledged = await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("stopped"));
        Assert.Equal("acknowledged", (string?)acknowledged["status"]);
        Assert.Empty(Pages(acknowledged));
    }

    [Theory]
    [InlineData("""{"minutes":60}""", "team")]
    [InlineData("""{"team":"ops","integration":"x","minutes":60}""", "integration")]
    [InlineData("""{"team":"nobody","minutes":60}""", "team")]
    [InlineData("""{"team":"ops"}""", "minutes")]
    [InlineData("""{"team":"ops","minutes":0}""", "minutes")]
    [InlineData("""{"team":"ops","minutes":10081}""", "minutes")]
    [InlineData("""{"team":"ops","minutes":"60"}""", "minutes")]
    [InlineData("""{"team":"ops","minutes":60,"user":"mallory"}""", "user")]
    [InlineData("""{"team":5,"minutes":60}""", "team")]
    public async Task Bad_ad_hoc_windows_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var account = await CreateAccountAsync();

        using var response = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/maintenance", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        using var list = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/maintenance");
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("POST", "api/accounts/15/maintenance")]
    [InlineData("GET", "api/accounts/15/maintenance")]
    [InlineData("POST", "api/accounts/15/maintenance/0190a0a0-0000-7000-8000-000000000000/end")]
    public async Task Maintenance_routes_need_an_api_key(string method, string path)
    {
        using var anonymous = await devHost.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"team":"ops","minutes":60}""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<TestAccount> CreateAccountAsync(string? window = null)
    {
        var id = "mw" + Guid.NewGuid().ToString("N")[..12];
        var integration = Guid.NewGuid().ToString();
        var token = Guid.NewGuid().ToString("N");
        var document = $$"""
            { "id": "{{id}}", "name": "Maintenance test",
              "users": [{ "id": "alice", "name": "Alice", "phone": "+15551230001",
                          "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT5M" }] } }],
              "integrations": [{ "id": "{{integration}}", "token": "{{token}}", "name": "Monitor", "urgency": "high", "team": "ops" }],
              "maintenance": [{{window}}] }
            """;
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", document);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return new TestAccount(id, integration, token);
    }

    private async Task OpenAsync(TestAccount account, string alertId)
    {
        using var response = await devHost.PostWebhookAsync(account.WebhookPath,
            $$"""{"event_type":"create","Id":"{{alertId}}","Title":"Maintenance {{alertId}}","Description":"test"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static List<string> Pages(JsonObject incident) => [.. incident["timeline"]!.AsArray()
        .Where(t => (string?)t!["kind"] == "page")
        .Select(t => (string)t!["message"]!)
        .Select(m => m["Paged ".Length..m.IndexOf(" (", StringComparison.Ordinal)])];

    private static List<string?> Kinds(JsonObject incident) => [.. incident["timeline"]!.AsArray().Select(t => (string?)t!["kind"])];

    private static string? Message(JsonObject incident, string kind) =>
        (string?)incident["timeline"]!.AsArray().First(t => (string?)t!["kind"] == kind)!["message"];
}
