using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>Alertmanager's webhook payload over real HTTP on DevHost: one incident per group, resolved resolves.</summary>
[Collection(DevHostCollection.Name)]
public class AlertmanagerEndpointTests(DevHostFixture devHost)
{
    private static string Notification(string groupKey, string status) => new JsonObject
    {
        ["version"] = "4",
        ["groupKey"] = groupKey,
        ["status"] = status,
        ["receiver"] = "klaxon",
        ["groupLabels"] = new JsonObject { ["alertname"] = "DiskFull" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "DiskFull", ["severity"] = "critical" },
        ["commonAnnotations"] = new JsonObject { ["summary"] = "Disk full" },
        ["externalURL"] = "http://alertmanager:9093",
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = status,
            ["labels"] = new JsonObject { ["alertname"] = "DiskFull", ["instance"] = groupKey },
            ["annotations"] = new JsonObject { ["summary"] = "Disk full" },
            ["startsAt"] = "2026-03-02T09:00:00Z",
            ["generatorURL"] = "http://prometheus:9090/graph",
        }),
    }.ToJsonString();

    [Fact]
    public async Task Repeated_notifications_of_a_group_are_one_incident_two_groups_are_two_and_resolved_resolves()
    {
        var account = await devHost.CreateAccountAsync(type: "alertmanager");

        foreach (var body in (string[])[Notification("{}:{instance=\"db1\"}", "firing"), Notification("{}:{instance=\"db1\"}", "firing"), Notification("{}:{instance=\"db2\"}", "firing")])
        {
            using var response = await devHost.PostWebhookAsync(account.WebhookPath, body);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        // Events apply concurrently, so which group got which number is not fixed: find them by dedup key.
        var incidents = await WaitForListAsync(account.Id, list => list.Count == 2 && (int?)ByKey(list, "db1")?["alertCount"] == 2);
        Assert.Equal(("DiskFull: Disk full", "critical"), ((string?)ByKey(incidents, "db1")!["title"], (string?)ByKey(incidents, "db1")!["urgency"]));
        Assert.Equal(1, (int?)ByKey(incidents, "db2")!["alertCount"]);

        using var resolved = await devHost.PostWebhookAsync(account.WebhookPath, Notification("{}:{instance=\"db1\"}", "resolved"));
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        incidents = await WaitForListAsync(account.Id, list => (string?)ByKey(list, "db1")?["status"] == "resolved");
        Assert.Equal("open", (string?)ByKey(incidents, "db2")!["status"]);
        Assert.Equal(2, incidents.Count);
    }

    private static JsonNode? ByKey(JsonArray incidents, string instance) =>
        incidents.SingleOrDefault(i => (string?)i!["dedupKey"] == $"{{}}:{{instance=\"{instance}\"}}");

    private async Task<JsonArray> WaitForListAsync(string accountId, Func<JsonArray, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonArray last;
        do
        {
            last = await devHost.ListIncidentsAsync(accountId);
            if (until(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Incidents of {accountId} did not reach the expected state; last seen: {last.ToJsonString()}");
        return last;
    }

    [Fact]
    public async Task A_bad_payload_is_400_listing_every_problem()
    {
        var account = await devHost.CreateAccountAsync(type: "alertmanager");

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, """{"version":"4","status":"firing"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["groupKey", "alerts"], (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => (string?)e!["field"]));
    }
}
