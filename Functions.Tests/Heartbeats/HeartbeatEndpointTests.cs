using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Heartbeats;

/// <summary>The check-in route over real HTTP on DevHost: GET and POST check in; every kind of miss is the uniform 404.</summary>
[Collection(DevHostCollection.Name)]
public class HeartbeatEndpointTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Get_and_post_check_in_and_answer_the_next_deadline()
    {
        var account = await devHost.CreateAccountAsync(type: "heartbeat");
        var path = $"heartbeat/{account.Id}/{account.IntegrationId}/{account.Token}";

        var before = DateTimeOffset.UtcNow;
        using var get = await devHost.Http.GetAsync(path);
        using var post = await devHost.Http.PostAsync(path, null);

        foreach (var response in (HttpResponseMessage[])[get, post])
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("ok", (string?)body["status"]);
            Assert.False((bool)body["resolved"]!);
            var nextDue = DateTimeOffset.Parse((string)body["next_due"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(nextDue, before + TimeSpan.FromHours(1), DateTimeOffset.UtcNow + TimeSpan.FromHours(1));
        }
        Assert.Empty(await devHost.ListIncidentsAsync(account.Id));
    }

    [Fact]
    public async Task Every_kind_of_bad_heartbeat_url_gets_the_same_404()
    {
        var account = await devHost.CreateAccountAsync(type: "heartbeat");
        var disabled = await devHost.CreateAccountAsync(enabled: false, type: "heartbeat");
        var webhook = await devHost.CreateAccountAsync();
        string[] paths =
        [
            $"heartbeat/nope{account.Id}/{account.IntegrationId}/{account.Token}",
            $"heartbeat/{account.Id}/{Guid.NewGuid()}/{account.Token}",
            $"heartbeat/{account.Id}/{account.IntegrationId}/{account.Token}x",
            $"heartbeat/{disabled.Id}/{disabled.IntegrationId}/{disabled.Token}",
            $"heartbeat/{webhook.Id}/{webhook.IntegrationId}/{webhook.Token}",
        ];
        foreach (var path in paths)
        {
            using var response = await devHost.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("""{"status":"not_found"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_heartbeat_integration_takes_no_events_at_the_integration_url()
    {
        var account = await devHost.CreateAccountAsync(type: "heartbeat");

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":"x","Title":"t"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"status":"not_found"}""", await response.Content.ReadAsStringAsync());
    }
}
