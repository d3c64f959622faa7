using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Reports;

/// <summary>The response report through DevHost: incidents opened by webhook, paged through the outbox, one acknowledged.</summary>
[Collection(DevHostCollection.Name)]
public class ResponseReportEndToEndTests(DevHostFixture devHost)
{
    [Fact]
    public async Task The_report_counts_the_periods_incidents_acknowledgements_and_pages()
    {
        var account = await CreateAccountAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await OpenAsync(account, "one");
        await OpenAsync(account, "two");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("page"));
        await devHost.WaitForIncidentAsync(account.Id, 2, i => Kinds(i).Contains("page"));
        using (var ack = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"alice"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "acknowledged");

        using var response = await devHost.Admin(HttpMethod.Get,
            $"api/accounts/{account.Id}/reports/response?from={Instant(from)}&to={Instant(DateTimeOffset.UtcNow.AddMinutes(1))}&team=ops");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var team = Assert.Single(report["teams"]!.AsArray())!;
        Assert.Equal(("ops", 2, 1, 0), ((string?)team["team"], (int?)team["incidents"], (int?)team["acknowledged"], (int?)team["resolved"]));
        Assert.Equal(0.5, (double?)team["acknowledgedWithin5Minutes"]);
        Assert.NotNull((double?)team["medianSecondsToAcknowledge"]);
        Assert.Equal(account.IntegrationId, (string?)Assert.Single(report["integrations"]!.AsArray())!["integration"]);
        var alice = Assert.Single(report["people"]!.AsArray())!;
        Assert.Equal(("alice", 2, 2), ((string?)alice["user"], (int?)alice["pages"], (int?)alice["byChannel"]!["sms"]));
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("?from=2026-03-01T00:00:00Z", "to")]
    [InlineData("?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", "to")]
    [InlineData("?from=yesterday&to=2026-03-01T00:00:00Z", "from")]
    [InlineData("?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&team=nobody", "team")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var account = await CreateAccountAsync();

        using var response = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/reports/response{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task The_report_needs_an_api_key_of_the_account()
    {
        using var anonymous = await devHost.Http.GetAsync("api/accounts/15/reports/response?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<TestAccount> CreateAccountAsync()
    {
        var id = "rp" + Guid.NewGuid().ToString("N")[..12];
        var integration = Guid.NewGuid().ToString();
        var token = Guid.NewGuid().ToString("N");
        var document = $$"""
            { "id": "{{id}}", "name": "Report test",
              "users": [{ "id": "alice", "name": "Alice", "phone": "+15551230001",
                          "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT5M" }] } }],
              "integrations": [{ "id": "{{integration}}", "token": "{{token}}", "name": "Monitor", "urgency": "high", "team": "ops" }] }
            """;
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", document);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return new TestAccount(id, integration, token);
    }

    private async Task OpenAsync(TestAccount account, string alertId)
    {
        using var response = await devHost.PostWebhookAsync(account.WebhookPath,
            $$"""{"event_type":"create","Id":"{{alertId}}","Title":"Report {{alertId}}","Description":"test"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static List<string?> Kinds(JsonObject incident) => [.. incident["timeline"]!.AsArray().Select(t => (string?)t!["kind"])];
}
