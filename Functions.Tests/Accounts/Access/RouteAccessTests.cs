using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.DevHost;
using Klaxon.Hosting;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Accounts.Access;

/// <summary>
/// Every route says who may call it, and nobody else can: each management route is tried with no credential, a key in
/// the query string, the host's function key, an admin key of another account, a key of too low a role and the
/// operator key, and answers 401/403 to each, leaving the account as it was; the right key gets past the gate.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class RouteAccessTests(DevHostFixture devHost)
{
    private static readonly FunctionCatalog Catalog = FunctionCatalog.From(typeof(KlaxonServiceCollectionExtensions).Assembly);

    public static TheoryData<string> ManagementFunctions => [.. RouteCallers.Management.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_http_function_says_who_may_call_it()
    {
        var unlisted = Catalog.Http.Select(h => h.Function.Name)
            .Where(name => !RouteCallers.Management.ContainsKey(name) && !RouteCallers.Others.ContainsKey(name))
            .ToList();
        var stale = RouteCallers.Management.Keys.Concat(RouteCallers.Others.Keys)
            .Except(Catalog.Http.Select(h => h.Function.Name))
            .ToList();

        Assert.Empty(unlisted);
        Assert.Empty(stale);
    }

    [Fact]
    public void Every_route_under_api_accounts_is_in_the_management_list()
    {
        var underAccounts = Catalog.Http.Where(h => h.Trigger.Route!.StartsWith("api/accounts/{accountId}", StringComparison.Ordinal))
            .Select(h => h.Function.Name)
            .ToList();

        Assert.All(underAccounts, name => Assert.True(RouteCallers.Management.ContainsKey(name), $"{name} is under api/accounts but has no role"));
        Assert.Equal(RouteCallers.Management.Count, underAccounts.Count);
    }

    [Theory]
    [MemberData(nameof(ManagementFunctions))]
    public async Task Only_a_key_of_the_account_with_the_role_gets_past_the_gate(string function)
    {
        var (needed, operatorAllowed) = RouteCallers.Management[function];
        var world = await AccessWorld.GetAsync(devHost);
        var before = await world.SnapshotAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, credential: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, credential: null, query: "code=" + world.Keys[ApiRole.Admin]));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, credential: null, functionKey: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, world.OtherAccountAdminKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, world.Keys[ApiRole.Admin] + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(function, world, world.RevokedKey));
        foreach (var role in Enum.GetValues<ApiRole>().Where(role => !role.Grants(needed)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(function, world, world.Keys[role]));
        }
        if (!operatorAllowed)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(function, world, DevHostFixture.OperatorKey));
        }
        Assert.Equal(before, await world.SnapshotAsync());

        var allowed = await SendAsync(function, world, world.Keys[needed]);
        Assert.NotEqual(HttpStatusCode.Unauthorized, allowed);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed);
    }

    [Fact]
    public async Task The_operator_key_creates_an_account_but_does_not_change_one()
    {
        var world = await AccessWorld.GetAsync(devHost);
        var id = "op" + Guid.NewGuid().ToString("N")[..12];

        using var created = await SendRawAsync(HttpMethod.Put, $"api/accounts/{id}/config", DevHostFixture.OperatorKey, AccessWorld.Document(id).ToJsonString());
        using var replaced = await SendRawAsync(HttpMethod.Put, $"api/accounts/{world.AccountId}/config", DevHostFixture.OperatorKey, AccessWorld.Document(world.AccountId).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replaced.StatusCode);
        Assert.Contains("admin keys", await replaced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_refused_with_a_message_that_says_so()
    {
        var world = await AccessWorld.GetAsync(devHost);

        using var response = await SendRawAsync(HttpMethod.Get, $"api/accounts/{world.AccountId}/incidents?code={world.Keys[ApiRole.Admin]}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("not accepted in the query string", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calendar_token_opens_its_schedule_feed_only_until_revoked()
    {
        var world = await AccessWorld.GetAsync(devHost);
        using var issued = await SendRawAsync(HttpMethod.Post, $"api/accounts/{world.AccountId}/schedules/primary/calendar-tokens", world.Keys[ApiRole.Admin], """{"name":"alice's phone"}""");
        var body = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var feed = (string)body["feedPath"]!;
        var token = (string)body["secret"]!;

        using var opened = await devHost.Http.GetAsync(feed.TrimStart('/'));
        using var otherSchedule = await devHost.Http.GetAsync($"api/accounts/{world.AccountId}/schedules/secondary.ics?token={token}");
        using var otherAccount = await devHost.Http.GetAsync($"api/accounts/{world.OtherAccountId}/schedules/primary.ics?token={token}");
        using var notAnApiKey = await SendRawAsync(HttpMethod.Get, $"api/accounts/{world.AccountId}/incidents", token);
        using var revoked = await SendRawAsync(HttpMethod.Delete, $"api/accounts/{world.AccountId}/schedules/primary/calendar-tokens/{body["id"]}", world.Keys[ApiRole.Admin]);
        using var afterRevoke = await devHost.Http.GetAsync(feed.TrimStart('/'));

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSchedule.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notAnApiKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_and_a_rotated_key_stops_working_at_once()
    {
        var world = await AccessWorld.GetAsync(devHost);
        using var issued = await SendRawAsync(HttpMethod.Post, $"api/accounts/{world.AccountId}/keys", world.Keys[ApiRole.Admin], """{"name":"deploy bot","role":"responder"}""");
        var key = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = (string)key["secret"]!;

        using var list = await SendRawAsync(HttpMethod.Get, $"api/accounts/{world.AccountId}/keys", world.Keys[ApiRole.Admin]);
        var listed = await list.Content.ReadAsStringAsync();
        using var rotated = await SendRawAsync(HttpMethod.Post, $"api/accounts/{world.AccountId}/keys/{key["id"]}/rotate", world.Keys[ApiRole.Admin]);
        var newSecret = (string)(await rotated.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!;
        using var withOld = await SendRawAsync(HttpMethod.Get, $"api/accounts/{world.AccountId}/incidents", secret);
        using var withNew = await SendRawAsync(HttpMethod.Get, $"api/accounts/{world.AccountId}/incidents", newSecret);

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("responder", (string?)key["role"]);
        Assert.Contains("deploy bot", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[20..], listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "role")]
    [InlineData("""{"role":"admin"}""", "name")]
    [InlineData("""{"name":"x","role":"owner"}""", "role")]
    [InlineData("""{"name":"x","role":"admin","roles":"admin"}""", "roles")]
    [InlineData("""{"name":"","role":"admin"}""", "name")]
    public async Task A_bad_key_request_names_the_field(string body, string field)
    {
        var world = await AccessWorld.GetAsync(devHost);

        using var response = await SendRawAsync(HttpMethod.Post, $"api/accounts/{world.AccountId}/keys", world.Keys[ApiRole.Admin], body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Contains(errors, e => (string?)e!["field"] == field);
    }

    private async Task<HttpStatusCode> SendAsync(string function, AccessWorld world, string? credential, string? query = null, bool functionKey = false)
    {
        var (entry, trigger) = Catalog.Http.Single(h => h.Function.Name == function);
        var path = world.PathFor(trigger.Route!) + (query is null ? "" : "?" + query);
        var method = new HttpMethod(trigger.Methods![0].ToUpperInvariant());
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            request.Content = new StringContent(function == "PutAccountConfig" ? "{}" : """{"name":"probe","role":"readOnly"}""", Encoding.UTF8, "application/json");
        }
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
        if (functionKey)
        {
            request.Headers.Add("x-functions-key", DevHostFixture.AdminKey);
        }
        using var response = await devHost.Http.SendAsync(request);
        _ = entry;
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? credential, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }
        return devHost.Http.SendAsync(request);
    }
}
