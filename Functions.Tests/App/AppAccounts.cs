using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.DevHost;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.App;

/// <summary>
/// Two accounts for the app's tests, with logins unique to this run: A has alice (admin, on call) and carol
/// (responder), B has bob. The webhook of A opens incidents for team ops, which pages alice.
/// </summary>
public sealed record AppAccounts(string A, string B, string WebhookPathA, string Alice, string Carol, string Bob)
{
    public static async Task<AppAccounts> CreateAsync(DevHostFixture devHost)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (a, b) = ("appa" + suffix, "appb" + suffix);
        var (alice, carol, bob) = ($"alice.{suffix}@example.com", $"carol.{suffix}@example.com", $"bob.{suffix}@example.com");
        var integration = Guid.NewGuid().ToString();
        var token = Guid.NewGuid().ToString("N");
        await PutAsync(devHost, a, Fill("""
            {"id":"@a","name":"Alpha @suffix",
             "users":[{"id":"alice","name":"Alice","email":"alice@example.com","logins":["@alice"],"role":"admin",
                       "notificationRules":{"high":[{"channel":"email","after":"PT0S"}]}},
                      {"id":"carol","name":"Carol","logins":["@carol"]}],
             "schedules":[{"id":"primary","timeZone":"UTC","rotations":[{"users":["alice"],"start":"2026-01-05T09:00:00","length":"P7D"}]}],
             "teams":[{"id":"ops","name":"Operations","escalationPolicy":{"layers":[{"targets":[{"schedule":"primary"}],"escalateAfter":"PT30M"}]}}],
             "integrations":[{"id":"@integration","token":"@token","name":"Monitor","urgency":"low","team":"ops","enabled":true}]}
            """));
        await PutAsync(devHost, b, Fill("""
            {"id":"@b","name":"Beta @suffix",
             "users":[{"id":"bob","name":"Bob","logins":["@bob"],"role":"admin"}],
             "teams":[{"id":"ops","name":"Operations","escalationPolicy":{"layers":[{"targets":[{"user":"bob"}],"escalateAfter":"PT30M"}]}}]}
            """));
        string Fill(string template) => template.Replace("@alice", alice, StringComparison.Ordinal).Replace("@carol", carol, StringComparison.Ordinal)
            .Replace("@bob", bob, StringComparison.Ordinal).Replace("@integration", integration, StringComparison.Ordinal)
            .Replace("@token", token, StringComparison.Ordinal).Replace("@suffix", suffix, StringComparison.Ordinal)
            .Replace("@a\"", a + "\"", StringComparison.Ordinal).Replace("@b\"", b + "\"", StringComparison.Ordinal);
        return new AppAccounts(a, b, $"integration/{a}/{integration}/{token}", alice, carol, bob);
    }

    private static async Task PutAsync(DevHostFixture devHost, string id, string json)
    {
        using var response = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A client signed in through DevHost's local sign-in as <paramref name="login"/>, sending the anti-forgery header.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string login)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent([new("login", login)]);
        using var response = await client.PostAsync(LocalSignIn.LoginPath.TrimStart('/'), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        client.DefaultRequestHeaders.Add("X-Klaxon-App", "1");
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
