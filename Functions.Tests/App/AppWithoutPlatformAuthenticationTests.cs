using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.App;
using Klaxon.DevHost;
using Klaxon.Storage;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.App;

/// <summary>
/// The function app as deployed without App Service Authentication: DevHost without its local sign-in stand-in (on
/// the shared fixture's storage), so requests reach the functions exactly as a client sent them.
/// </summary>
[Collection(DevHostCollection.Name)]
public class AppWithoutPlatformAuthenticationTests(DevHostFixture devHost)
{
    private async Task<DevHostApp> StartBareAsync()
    {
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false, LocalSignIn = false, RunTriggers = false };
        options.Settings[StorageClientFactory.SettingName] = devHost.Host.StorageConnectionString;
        options.Settings["DevHost:AdminKey"] = DevHostFixture.AdminKey;
        return await DevHostApp.StartAsync(options);
    }

    [Theory]
    [InlineData("app/api/session")]
    [InlineData("app/api/accounts/{a}/incidents")]
    [InlineData("app/api/accounts/{a}/admin/config")]
    public async Task A_request_bringing_its_own_principal_is_refused(string route)
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        await using var bare = await StartBareAsync();
        using var http = new HttpClient { BaseAddress = bare.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, route.Replace("{a}", accounts.A, StringComparison.Ordinal));
        request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Write(accounts.Alice, "Alice"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("refused", (string?)body["status"]);
        Assert.Contains(ClientPrincipal.HeaderName, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_sign_in_page_is_not_there()
    {
        await using var bare = await StartBareAsync();
        using var http = new HttpClient { BaseAddress = bare.BaseAddress };

        using var page = await http.GetAsync(LocalSignIn.LoginPath.TrimStart('/'));
        using var post = await http.PostAsync(LocalSignIn.LoginPath.TrimStart('/'), new FormUrlEncodedContent([new("login", "alice@example.com")]));
        using var session = await http.GetAsync("app/api/session");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(post.Headers.Contains("Set-Cookie"));
        var body = (await session.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("/.auth/login/aad", (string?)body["signInUrl"]); // Easy Auth's Entra ID sign-in, the default
    }
}
