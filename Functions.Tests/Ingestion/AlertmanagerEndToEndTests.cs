using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// A real, unmodified Prometheus Alertmanager pages Klaxon through both of its built-in ways: a receiver with
/// <c>pagerduty_configs</c> (custom <c>url</c> at DevHost's <c>/v2/enqueue</c>) and <c>webhook_configs</c> (an
/// <c>alertmanager</c> integration URL). Alerts are posted to Alertmanager's own API v2.
/// </summary>
[Collection(DevHostCollection.Name)]
public class AlertmanagerEndToEndTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Firing_opens_one_incident_per_format_resends_do_not_open_more_and_resolved_resolves()
    {
        var accountId = "acct" + Guid.NewGuid().ToString("N")[..12];
        var routingKey = Guid.NewGuid().ToString("N");
        var webhookToken = Guid.NewGuid().ToString("N");
        await PutAccountAsync(accountId, routingKey, webhookToken);
        var klaxon = devHost.Host.BaseAddress.ToString().TrimEnd('/');
        // Short timers so the test sees a first notification, re-sends and the resolution within seconds.
        var config = $"""
            route:
              receiver: klaxon
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: klaxon
                pagerduty_configs:
                  - routing_key: "{routingKey}"
                    url: "{klaxon}/v2/enqueue"
                    send_resolved: true
                webhook_configs:
                  - url: "{klaxon}/integration/{accountId}/am/{webhookToken}"
                    send_resolved: true
            """;
        await using var alertmanager = await AlertmanagerProcess.StartAsync(config);
        using var http = new HttpClient { BaseAddress = alertmanager.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        await PostAlertsAsync(http, endsAt: null);

        // Each format opens one incident, and re-sent notifications of the group count as alerts on it.
        var incidents = await WaitForIncidentsAsync(accountId, list =>
            list.Count == 2 && list.All(i => (int?)i!["alertCount"] >= 2), alertmanager);
        Assert.Equal(["am", "pd"], incidents.Select(i => (string?)i!["integrationId"]).Order());
        var viaWebhook = incidents.Single(i => (string?)i!["integrationId"] == "am")!;
        var viaPagerDuty = incidents.Single(i => (string?)i!["integrationId"] == "pd")!;
        Assert.Equal("DiskFull: Disks are filling up", (string?)viaWebhook["title"]);
        Assert.Equal("critical", (string?)viaWebhook["urgency"]);
        Assert.Contains("DiskFull", (string?)viaPagerDuty["title"], StringComparison.Ordinal);
        Assert.Equal("Alertmanager", (string?)viaPagerDuty["details"]!["client"]);

        // Alerts that ended in the past resolve the group; Alertmanager sends "resolved" through both ways.
        await PostAlertsAsync(http, endsAt: DateTimeOffset.UtcNow.AddSeconds(-1));
        incidents = await WaitForIncidentsAsync(accountId, list => list.All(i => (string?)i!["status"] == "resolved"), alertmanager);
        Assert.Equal(2, incidents.Count);

        Assert.Contains("Notify success", alertmanager.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Notify for alerts failed", alertmanager.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("level=error", alertmanager.Log, StringComparison.Ordinal);
    }

    private async Task PutAccountAsync(string accountId, string routingKey, string webhookToken)
    {
        var document = new JsonObject
        {
            ["id"] = accountId,
            ["name"] = "Alertmanager " + accountId,
            ["users"] = new JsonArray(new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["email"] = "alice@example.com" }),
            ["teams"] = new JsonArray(new JsonObject
            {
                ["id"] = "ops",
                ["name"] = "Operations",
                ["escalationPolicy"] = new JsonObject
                {
                    ["layers"] = new JsonArray(new JsonObject
                    {
                        ["targets"] = new JsonArray(new JsonObject { ["user"] = "alice" }),
                        ["escalateAfter"] = "PT5M",
                    }),
                },
            }),
            ["integrations"] = new JsonArray(
                new JsonObject { ["id"] = "pd", ["token"] = routingKey, ["type"] = "pagerduty", ["name"] = "Alertmanager (PagerDuty)", ["team"] = "ops" },
                new JsonObject { ["id"] = "am", ["token"] = webhookToken, ["type"] = "alertmanager", ["name"] = "Alertmanager (webhook)", ["team"] = "ops" }),
        };
        using var response = await devHost.Admin(HttpMethod.Put, $"api/accounts/{accountId}/config", document.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Two alerts of one group (same <c>alertname</c>), as Prometheus would post them.</summary>
    private static async Task PostAlertsAsync(HttpClient http, DateTimeOffset? endsAt)
    {
        var alerts = new JsonArray();
        foreach (var instance in (string[])["db1", "db2"])
        {
            var alert = new JsonObject
            {
                ["labels"] = new JsonObject { ["alertname"] = "DiskFull", ["instance"] = instance, ["severity"] = "critical" },
                ["annotations"] = new JsonObject { ["summary"] = "Disks are filling up" },
                ["generatorURL"] = $"http://prometheus.example/graph?instance={instance}",
                ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
            };
            if (endsAt is { } ended)
            {
                alert["endsAt"] = ended.ToString("O", CultureInfo.InvariantCulture);
            }
            alerts.Add(alert);
        }
        using var content = new StringContent(alerts.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/v2/alerts", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonArray> WaitForIncidentsAsync(string accountId, Func<JsonArray, bool> until, AlertmanagerProcess alertmanager)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        JsonArray last;
        do
        {
            last = await devHost.ListIncidentsAsync(accountId);
            if (until(last))
            {
                return last;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Incidents did not reach the expected state; last seen: {last.ToJsonString()}\nAlertmanager log:\n{alertmanager.Log}");
        return last;
    }
}
