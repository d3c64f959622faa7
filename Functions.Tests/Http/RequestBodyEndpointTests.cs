using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Http;

/// <summary>Over real HTTP on DevHost: every endpoint that reads a JSON body refuses a bad one with the same answer.</summary>
[Collection(DevHostCollection.Name)]
public class RequestBodyEndpointTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Webhook_config_and_push_subscription_answer_a_non_json_content_type_alike()
    {
        var account = await devHost.CreateAccountAsync();

        using var webhook = await SendAsync(HttpMethod.Post, account.WebhookPath, "{}", "text/plain", admin: false);
        using var config = await SendAsync(HttpMethod.Put, $"api/accounts/{account.Id}/config", "{}", "text/plain");
        using var push = await SendAsync(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions", "{}", "text/plain");

        const string expected = """{"status":"invalid","errors":[{"field":"Content-Type","message":"must be application/json (charset utf-8 if given), got 'text/plain'"}]}""";
        foreach (var response in new[] { webhook, config, push })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("config", 1024 * 1024, "must be at most 1048576 bytes (1 MiB)")]
    [InlineData("push", 16 * 1024, "must be at most 16384 bytes (16 KiB)")]
    [InlineData("acknowledge", 16 * 1024, "must be at most 16384 bytes (16 KiB)")]
    public async Task One_byte_over_an_endpoints_limit_is_413_naming_the_limit(string endpoint, int limit, string message)
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await SendAsync(Method(endpoint), Path(endpoint, account), JsonOfSize(limit + 1), "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray())!;
        Assert.Equal(("body", message), ((string?)error["field"], (string?)error["message"]));
    }

    [Fact]
    public async Task Push_subscription_and_acknowledge_answer_invalid_json_alike()
    {
        var account = await devHost.CreateAccountAsync();

        using var push = await SendAsync(HttpMethod.Post, Path("push", account), "{not json", "application/json");
        using var acknowledge = await SendAsync(HttpMethod.Post, Path("acknowledge", account), "{not json", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, push.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, acknowledge.StatusCode);
        var body = await push.Content.ReadAsStringAsync();
        Assert.Equal(body, await acknowledge.Content.ReadAsStringAsync());
        var error = Assert.Single(JsonNode.Parse(body)!["errors"]!.AsArray())!;
        Assert.Equal("body", (string?)error["field"]);
        Assert.StartsWith("must be valid JSON: ", (string?)error["message"], StringComparison.Ordinal);
    }

    private static HttpMethod Method(string endpoint) => endpoint == "config" ? HttpMethod.Put : HttpMethod.Post;

    private static string Path(string endpoint, TestAccount account) => endpoint switch
    {
        "config" => $"api/accounts/{account.Id}/config",
        "push" => $"api/accounts/{account.Id}/users/alice/push-subscriptions",
        _ => $"api/accounts/{account.Id}/incidents/1/acknowledge",
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string contentType, bool admin = true)
    {
        using var request = admin ? devHost.AdminRequest(method, path) : new HttpRequestMessage(method, path);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await devHost.Http.SendAsync(request);
    }

    /// <summary><c>{"p":"xxx…"}</c> of exactly <paramref name="size"/> bytes.</summary>
    private static string JsonOfSize(int size) => $$"""{"p":"{{new string('x', size - 8)}}"}""";
}
