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
    [Theory]
    [InlineData("GET", "api/accounts/15/config")]
    [InlineData("PUT", "api/accounts/15/config")]
    [InlineData("GET", "api/accounts/15/incidents")]
    [InlineData("GET", "api/accounts/15/incidents/1")]
    [InlineData("POST", "api/accounts/15/incidents/1/acknowledge")]
    [InlineData("POST", "api/accounts/15/incidents/1/resolve")]
    [InlineData("POST", "api/accounts/15/incidents/1/notes")]
    public async Task Management_routes_need_the_function_key(string method, string path)
    {
        using var anonymous = await devHost.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        var wrong = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        wrong.Headers.Add("x-functions-key", DevHostFixture.AdminKey + "x");
        using var wrongKey = await devHost.Http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

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
    public async Task Unknown_account_config_is_404()
    {
        using var get = await devHost.Admin(HttpMethod.Get, "api/accounts/no-such-account/config");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("""{"status":"not_found"}""", await get.Content.ReadAsStringAsync());
    }
}
