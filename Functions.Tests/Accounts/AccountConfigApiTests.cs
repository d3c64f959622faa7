using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Accounts;

[Collection(DevHostCollection.Name)]
/// <summary>The account configuration API over HTTP on DevHost, and the key every management route asks for.</summary>
public class AccountConfigApiTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Config_round_trips_without_tokens_and_keeps_tokens_when_put_back()
    {
        var account = await devHost.CreateAccountAsync();

        using var get = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/config");
        var text = await get.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.DoesNotContain(account.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);

        // Putting back what GET returned (no tokens) keeps the integration's token working.
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account.Id}/config", text);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty((await put.Content.ReadFromJsonAsync<JsonObject>())!["generatedTokens"]!.AsArray());
        using var webhook = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"x"}""");
        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
    }

    [Fact]
    public async Task New_integration_without_a_token_gets_one_generated_and_shown_once()
    {
        var id = "gen" + Guid.NewGuid().ToString("N")[..10];
        var document = $$"""
            { "id": "{{id}}", "name": "Generated",
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT1M" }] } }],
              "users": [{ "id": "alice", "name": "Alice" }],
              "integrations": [{ "id": "grafana", "name": "Grafana", "team": "ops" }] }
            """;
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", document);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var generated = Assert.Single((await put.Content.ReadFromJsonAsync<JsonObject>())!["generatedTokens"]!.AsArray());
        Assert.Equal("grafana", (string?)generated!["integrationId"]);
        var token = (string)generated["token"]!;

        using var webhook = await devHost.PostWebhookAsync($"integration/{id}/grafana/{token}", """{"event_type":"resolve","Id":"x"}""");
        Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
        using var get = await devHost.Admin(HttpMethod.Get, $"api/accounts/{id}/config");
        Assert.DoesNotContain(token, await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_config_is_400_with_json_paths_and_changes_nothing()
    {
        var account = await devHost.CreateAccountAsync();
        using var before = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/config");
        var stored = await before.Content.ReadAsStringAsync();
        var document = $$"""
            { "id": "{{account.Id}}", "name": "Broken",
              "users": [{ "id": "alice", "name": "Alice", "phone": "555-1234" }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "schedule": "nope" }], "escalateAfter": "PT1M" }] } }],
              "integrations": [] }
            """;

        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account.Id}/config", document);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var fields = (await put.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToList();
        Assert.Contains("$.users[0].phone", fields);
        Assert.Contains("$.teams[0].escalationPolicy.layers[0].targets[0].schedule", fields);
        using var after = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/config");
        Assert.Equal(stored, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Config_for_another_account_id_than_the_url_is_rejected()
    {
        using var put = await devHost.Admin(HttpMethod.Put, "api/accounts/other/config", """{"id":"15","name":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("$.id", (string?)(await put.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task An_unknown_account_answers_like_a_key_of_another_account_so_ids_cannot_be_probed()
    {
        var account = await devHost.CreateAccountAsync();
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "api/accounts/no-such-account/config");
        unknown.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", devHost.AdminKeyOf(account.Id));
        using var known = new HttpRequestMessage(HttpMethod.Get, "api/accounts/15/config");
        known.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", devHost.AdminKeyOf(account.Id));

        using var unknownResponse = await devHost.Http.SendAsync(unknown);
        using var knownResponse = await devHost.Http.SendAsync(known);

        Assert.Equal(HttpStatusCode.Unauthorized, unknownResponse.StatusCode);
        Assert.Equal(await knownResponse.Content.ReadAsStringAsync(), await unknownResponse.Content.ReadAsStringAsync());
    }
}
