using System.Net;
using System.Text;
using Klaxon.Http;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// The integration token in the <c>pagertree-token</c> header instead of the URL (webhooks and heartbeats), over real
/// HTTP on DevHost: the right token is accepted, anything else is the same 404 as a wrong token in the URL.
/// </summary>
[Collection(DevHostCollection.Name)]
public class HeaderTokenTests(DevHostFixture devHost)
{
    private const string NotFound = """{"status":"not_found"}""";

    [Fact]
    public async Task A_webhook_with_the_token_in_the_header_opens_an_incident()
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await PostAsync($"integration/{account.Id}/{account.IntegrationId}", [account.Token],
            """{"event_type":"create","Id":"hdr-1","Title":"Disk full"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal("Disk full", (string?)incident["title"]);
    }

    [Fact]
    public async Task A_missing_wrong_repeated_or_misplaced_header_token_gets_the_uniform_404()
    {
        var account = await devHost.CreateAccountAsync();
        var heartbeat = await devHost.CreateAccountAsync(type: "heartbeat");
        var path = $"integration/{account.Id}/{account.IntegrationId}";
        var body = """{"event_type":"create","Id":"hdr-2","Title":"Disk full"}""";

        foreach (var (target, tokens) in new (string, string[])[]
        {
            (path, []),
            (path, [""]),
            (path, [account.Token + "x"]),
            (path, [account.Token[..^1]]),
            (path, [account.Token, account.Token]),
            ($"integration/{account.Id}/{Guid.NewGuid()}", [account.Token]),
            ($"integration/nope{account.Id}/{account.IntegrationId}", [account.Token]),
            // A heartbeat's token does not open incidents, in the header either.
            ($"integration/{heartbeat.Id}/{heartbeat.IntegrationId}", [heartbeat.Token]),
        })
        {
            using var response = await PostAsync(target, tokens, body);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(NotFound, await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(await devHost.ListIncidentsAsync(account.Id));
    }

    [Fact]
    public async Task A_heartbeat_checks_in_with_the_token_in_the_header_and_only_with_the_right_one()
    {
        var account = await devHost.CreateAccountAsync(type: "heartbeat");
        var path = $"heartbeat/{account.Id}/{account.IntegrationId}";

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            using var ok = await SendAsync(method, path, [account.Token], null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        foreach (var tokens in new[] { Array.Empty<string>(), [account.Token + "x"], [account.Token, account.Token] })
        {
            using var refused = await SendAsync(HttpMethod.Get, path, tokens, null);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(NotFound, await refused.Content.ReadAsStringAsync());
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, string[] tokens, string json) => SendAsync(HttpMethod.Post, path, tokens, json);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string[] tokens, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var token in tokens)
        {
            request.Headers.TryAddWithoutValidation(HeaderToken.Name, token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await devHost.Http.SendAsync(request);
    }
}
