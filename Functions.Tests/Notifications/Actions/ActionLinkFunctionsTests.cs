using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Actions;

/// <summary>The acknowledge/resolve links of emails and push notifications, through DevHost.</summary>
[Collection(DevHostCollection.Name)]
public class ActionLinkFunctionsTests(DevHostFixture devHost)
{
    private ActionLinks Links => devHost.Host.Services.GetRequiredService<ActionLinks>();

    [Fact]
    public async Task Get_shows_a_confirmation_page_and_changes_nothing()
    {
        var account = await OpenIncidentAsync("Database <down>");
        var token = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Acknowledge, "email");

        using var first = await devHost.Http.GetAsync($"actions?t={token}");
        using var second = await devHost.Http.GetAsync($"actions?t={token}"); // mail scanners follow links more than once

        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(first);
        Assert.Contains("Acknowledge incident #1 [MEDIUM] Database &lt;down&gt; as Alice?", html);
        Assert.Contains("Current status: <strong>open</strong>", html);
        Assert.Contains("<form method=\"post\">", html);
        Assert.Contains($"<input type=\"hidden\" name=\"t\" value=\"{token}\">", html);
        await AssertNoActionFromLinksAsync(account);
    }

    [Fact]
    public async Task Post_of_the_form_acknowledges_as_the_links_user_via_email()
    {
        var account = await OpenIncidentAsync("Disk full");
        var token = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Acknowledge, "email");

        using var response = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)]));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Contains("Acknowledging #1 — recorded as alice via email.", html);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "acknowledged");
        Assert.Equal("alice", (string?)incident["acknowledgedBy"]);
        Assert.Contains(incident["timeline"]!.AsArray(), t => (string?)t!["message"] == "Acknowledged by alice via email.");
    }

    [Fact]
    public async Task Post_to_the_link_itself_resolves_and_answers_json_to_scripts()
    {
        var account = await OpenIncidentAsync("API slow");
        var token = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Resolve, "push");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"actions?t={token}");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await devHost.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        AssertSecurityHeaders(response);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("accepted", (string?)body["status"]);
        Assert.Equal("resolve", (string?)body["action"]);
        Assert.True(Guid.TryParse((string?)body["request_id"], out _));
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        Assert.Equal("alice", (string?)incident["resolvedBy"]);
        Assert.Contains(incident["timeline"]!.AsArray(), t => (string?)t!["message"] == "Resolved by alice via push.");
    }

    [Fact]
    public async Task A_resolve_link_acts_once_and_then_says_it_was_used()
    {
        var account = await OpenIncidentAsync("Queue backed up");
        var token = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Resolve, "email");
        using (var first = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)])))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");

        using var again = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)]));
        using var shown = await devHost.Http.GetAsync($"actions?t={token}");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, shown.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Single(incident["timeline"]!.AsArray(), t => ((string?)t!["message"])?.StartsWith("Resolved by alice", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Acknowledging_a_resolved_incident_says_so_and_is_recorded_as_ignored()
    {
        var account = await OpenIncidentAsync("Flapping");
        using (await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"x"}"""))
        {
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        var token = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Acknowledge, "email");

        using var page = await devHost.Http.GetAsync($"actions?t={token}");
        using var response = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)]));

        Assert.Contains("already resolved", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("already resolved", await response.Content.ReadAsStringAsync());
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => i["timeline"]!.AsArray().Any(t => (string?)t!["source"] == "email"));
        Assert.Equal("resolved", (string?)incident["status"]);
        Assert.Contains(incident["timeline"]!.AsArray(), t => ((string?)t!["message"])!.StartsWith("Acknowledge ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_and_tampered_links_get_400_on_both_methods_and_change_nothing()
    {
        var account = await OpenIncidentAsync("Queue backlog");
        var options = devHost.Host.Services;
        var yesterday = new ActionLinks(options.GetRequiredService<IOptions<NotificationsOptions>>(), options.GetRequiredService<IOptions<KlaxonOptions>>(),
            new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(2)));
        var expired = yesterday.CreateToken(account.Id, 1, "alice", IncidentActionKind.Acknowledge, "email");
        var valid = Links.CreateToken(account.Id, 1, "alice", IncidentActionKind.Acknowledge, "email");
        var forResolve = Links.CreateToken(account.Id, 2, "alice", IncidentActionKind.Resolve, "email");
        var tampered = forResolve[..forResolve.IndexOf('.')] + valid[valid.IndexOf('.')..];

        foreach (var (token, error) in new[] { (expired, "The link has expired"), (tampered, "signature is not valid"), (valid[..^4], "link") })
        {
            using var get = await devHost.Http.GetAsync($"actions?t={token}");
            using var post = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)]));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains(error, await get.Content.ReadAsStringAsync());
            Assert.Contains(error, await post.Content.ReadAsStringAsync());
            AssertSecurityHeaders(get);
            AssertSecurityHeaders(post);
        }
        using var missing = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        await AssertNoActionFromLinksAsync(account);
    }

    [Fact]
    public async Task A_link_to_an_incident_that_does_not_exist_gets_404()
    {
        var account = await devHost.CreateAccountAsync();
        var token = Links.CreateToken(account.Id, 99, "alice", IncidentActionKind.Acknowledge, "email");

        using var get = await devHost.Http.GetAsync($"actions?t={token}");
        using var post = await devHost.Http.PostAsync("actions", new FormUrlEncodedContent([new("t", token)]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("#99 no longer exists", await get.Content.ReadAsStringAsync());
        AssertSecurityHeaders(get);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false)]
    [InlineData("application/json;q=0.5, text/html", false)]
    [InlineData("text/html;q=0.1, application/*", true)]
    [InlineData("*/*", false)]
    [InlineData("", false)]
    public void Json_is_answered_only_when_preferred(string accept, bool json)
    {
        var request = new Microsoft.AspNetCore.Http.DefaultHttpContext().Request;
        request.Headers.Accept = accept;

        Assert.Equal(json, ActionLinkFunctions.PrefersJson(request));
    }

    private async Task<TestAccount> OpenIncidentAsync(string title)
    {
        var account = await devHost.CreateAccountAsync();
        using (var created = await devHost.PostWebhookAsync(account.WebhookPath, new JsonObject { ["event_type"] = "create", ["Id"] = "x", ["Title"] = title, ["Description"] = "d" }.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        return account;
    }

    /// <summary>
    /// Resolves the incident through its webhook and checks that no action from a link reached it: one queued before
    /// the resolve would be on the timeline by the time the resolve is (applied, or recorded as ignored).
    /// </summary>
    private async Task AssertNoActionFromLinksAsync(TestAccount account)
    {
        using (await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"x"}"""))
        {
        }
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        Assert.Null((string?)incident["acknowledgedBy"]);
        Assert.Equal("Monitor", (string?)incident["resolvedBy"]);
        Assert.DoesNotContain(incident["timeline"]!.AsArray(), t => (string?)t!["source"] is "email" or "push");
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'", Single(response, "Content-Security-Policy"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
