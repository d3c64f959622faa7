using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// What PagerTree's adapter accepts, Klaxon accepts, over real HTTP on DevHost: a numeric id, no id at all, no
/// description, the urgency <c>silent</c> (recorded, nobody paged, the timeline says why), and a resolve with a null title.
/// </summary>
[Collection(DevHostCollection.Name)]
public class WebhookLenientEndpointTests(DevHostFixture devHost)
{
    [Fact]
    public async Task A_pagertree_sender_opens_and_resolves_with_a_numeric_id_and_a_null_title()
    {
        var account = await devHost.CreateAccountAsync();

        using var created = await devHost.PostWebhookAsync(account.WebhookPath,
            """{"event_type":"create","id":4711,"title":"CPU high on web1","meta":{"host":"web1","load":[3.1,2.9]}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal("4711", (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal("", (string?)incident["description"]);
        Assert.Equal("""{"meta":{"host":"web1","load":[3.1,2.9]}}""", incident["details"]!.ToJsonString());

        using var resolved = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","id":4711,"title":null}""");
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
    }

    [Fact]
    public async Task A_create_without_an_id_gets_one_generated_and_answered_so_it_can_be_resolved()
    {
        var account = await devHost.CreateAccountAsync();

        using var created = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","title":"No id"}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var receipt = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string?)receipt["id"];
        Assert.Equal((string?)receipt["request_id"], id);

        using var resolved = await devHost.PostWebhookAsync(account.WebhookPath, $$"""{"event_type":"resolve","id":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        Assert.Equal(id, (string?)incident["dedupKey"]);
    }

    [Fact]
    public async Task Silent_urgency_opens_and_records_the_incident_pages_nobody_and_the_timeline_says_why()
    {
        var account = await devHost.CreateAccountAsync();

        using var created = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","id":"quiet","title":"Log only","urgency":"silent"}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("silenced"));
        Assert.Equal("silent", (string?)incident["urgency"]);
        Assert.Equal("open", (string?)incident["status"]);
        var note = incident["timeline"]!.AsArray().Single(t => (string?)t!["kind"] == "silenced");
        Assert.Contains("silent", (string?)note!["message"], StringComparison.Ordinal);

        // Acknowledging a silent incident works like any other (its escalation exists, already stopped).
        using var acknowledged = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"acknowledge","id":"quiet"}""");
        Assert.Equal(HttpStatusCode.Accepted, acknowledged.StatusCode);
        incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "acknowledged");
        // Wait past a few sweeps: still no page.
        await Task.Delay(TimeSpan.FromSeconds(2));
        incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.DoesNotContain("page", Kinds(incident));
    }

    private static List<string?> Kinds(JsonObject incident) => [.. incident["timeline"]!.AsArray().Select(t => (string?)t!["kind"])];
}
