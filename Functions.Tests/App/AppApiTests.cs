using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.App;
using Klaxon.DevHost;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Push;
using Klaxon.Tests.Notifications.Push;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.App;

/// <summary>The app API on DevHost, over real HTTP: who may call each route, and what it does.</summary>
[Collection(DevHostCollection.Name)]
public class AppApiTests(DevHostFixture devHost)
{
    /// <summary>Every app API route, with {a} for the account; the state-changing ones send an (otherwise valid) body.</summary>
    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "app/api/accounts/{a}/incidents" },
        { "GET", "app/api/accounts/{a}/incidents/1" },
        { "POST", "app/api/accounts/{a}/incidents/1/acknowledge" },
        { "POST", "app/api/accounts/{a}/incidents/1/resolve" },
        { "POST", "app/api/accounts/{a}/incidents/1/escalate" },
        { "POST", "app/api/accounts/{a}/incidents/1/notes" },
        { "GET", "app/api/accounts/{a}/oncall" },
        { "GET", "app/api/accounts/{a}/schedules/primary.ics" },
        { "GET", "app/api/accounts/{a}/me" },
        { "POST", "app/api/accounts/{a}/me/calendar-links/reset" },
        { "POST", "app/api/accounts/{a}/me/push-devices" },
        { "DELETE", "app/api/accounts/{a}/me/push-devices/" + new string('a', 64) },
        { "GET", "app/api/accounts/{a}/admin/config" },
        { "PUT", "app/api/accounts/{a}/admin/config" },
        { "GET", "app/api/accounts/{a}/admin/integrations" },
    };

    private static HttpRequestMessage Request(string method, string route, string account)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{a}", account, StringComparison.Ordinal));
        if (method is "POST" or "PUT")
        {
            request.Content = AppAccounts.Json("""{"endpoint":"https://push.example/x","keys":{"p256dh":"x","auth":"y"}}""");
        }
        return request;
    }

    private async Task<AppAccounts> AccountsWithAnIncidentAsync()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using (var accepted = await devHost.PostWebhookAsync(accounts.WebhookPathA, """{"event_type":"create","Id":"disk","Title":"Disk full","Description":"/var at 100%"}"""))
        {
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }
        await devHost.WaitForIncidentAsync(accounts.A, 1, _ => true);
        return accounts;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_person_of_another_account_can_neither_read_nor_act(string method, string route)
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var bob = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Bob);

        using var response = await bob.SendAsync(Request(method, route, accounts.A));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(accounts.A, 1, _ => true);
        Assert.Equal("open", (string?)incident["status"]);
        // The same answer as for an account that does not exist: ids cannot be probed.
        using var missing = await bob.SendAsync(Request(method, route, "no-such-account"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Nobody_signed_in_is_sent_to_sign_in_and_a_function_key_or_api_key_does_not_help(string method, string route)
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var request = Request(method, route, accounts.A);
        request.Headers.Add("x-functions-key", DevHostFixture.AdminKey);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", devHost.AdminKeyOf(accounts.A));
        request.Headers.Add("X-Klaxon-App", "1");

        using var response = await devHost.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("sign_in_required", LocalSignIn.LoginPath), ((string?)body["status"], (string?)body["signInUrl"]));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_principal_header_from_the_client_is_removed_by_the_platform_stand_in(string method, string route)
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var request = Request(method, route, accounts.A);
        request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Write(accounts.Alice, "Alice"));
        request.Headers.Add("X-Klaxon-App", "1");

        using var response = await devHost.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "app/api/accounts/{a}/incidents/1/acknowledge")]
    [InlineData("POST", "app/api/accounts/{a}/incidents/1/resolve")]
    [InlineData("POST", "app/api/accounts/{a}/incidents/1/escalate")]
    [InlineData("POST", "app/api/accounts/{a}/incidents/1/notes")]
    [InlineData("POST", "app/api/accounts/{a}/me/push-devices")]
    [InlineData("DELETE", "app/api/accounts/{a}/me/push-devices/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("PUT", "app/api/accounts/{a}/admin/config")]
    public async Task State_changing_calls_from_another_site_are_refused(string method, string route)
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);

        using var crossSite = Request(method, route, accounts.A);
        crossSite.Headers.Add("Origin", "https://evil.example");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refused = await alice.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("cross_site", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["status"]);

        alice.DefaultRequestHeaders.Remove("X-Klaxon-App");
        using var withoutHeader = await alice.SendAsync(Request(method, route, accounts.A));
        Assert.Equal(HttpStatusCode.Forbidden, withoutHeader.StatusCode);

        var incident = await devHost.WaitForIncidentAsync(accounts.A, 1, _ => true);
        Assert.Equal("open", (string?)incident["status"]);
    }

    [Theory]
    [InlineData("GET", "app/api/accounts/{a}/admin/config")]
    [InlineData("PUT", "app/api/accounts/{a}/admin/config")]
    [InlineData("GET", "app/api/accounts/{a}/admin/integrations")]
    public async Task Responders_cannot_use_the_admin_routes(string method, string route)
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);

        using var response = await carol.SendAsync(Request(method, route, accounts.A));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_session_lists_the_accounts_that_list_the_person()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);

        var session = (await alice.GetFromJsonAsync<JsonObject>("app/api/session"))!;

        Assert.Equal(accounts.Alice, (string?)session["signInName"]);
        var account = Assert.Single(session["accounts"]!.AsArray());
        Assert.Equal((accounts.A, "alice", "admin"), ((string?)account!["accountId"], (string?)account["userId"], (string?)account["role"]));
        using var anonymous = await devHost.Http.GetAsync("app/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_from_the_app_goes_through_the_queue_and_reads_via_web()
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);

        var list = (await carol.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/incidents"))!;
        Assert.Equal(1L, (long?)list["items"]![0]!["number"]);
        using var ack = await carol.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/acknowledge", null);
        Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);

        var incident = await devHost.WaitForIncidentAsync(accounts.A, 1, i => (string?)i["status"] == "acknowledged");
        Assert.Equal(("carol", "web"), ((string?)incident["acknowledgedBy"], (string?)incident["acknowledgedVia"]));
        var read = (await carol.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/incidents/1"))!;
        Assert.Contains(read["timeline"]!.AsArray(), line => (string?)line!["message"] == "Acknowledged by carol via web.");
        using var escalate = await carol.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/escalate", null);
        Assert.Equal(HttpStatusCode.Conflict, escalate.StatusCode);
    }

    [Fact]
    public async Task The_persons_teams_open_incidents_come_first_and_status_filters()
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);

        var forAlice = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/incidents"))!["items"]![0]!;
        var forCarol = (await carol.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/incidents"))!["items"]![0]!;
        Assert.True((bool?)forAlice["mine"]); // ops pages the primary schedule, which is alice
        Assert.False((bool?)forCarol["mine"]);
        var resolved = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/incidents?status=resolved"))!["items"]!.AsArray();
        Assert.Empty(resolved);
        using var bad = await alice.GetAsync($"app/api/accounts/{accounts.A}/incidents?status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("status", (string?)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task A_note_is_written_by_the_signed_in_person_whatever_the_body_says()
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);

        using var added = await alice.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/notes",
            AppAccounts.Json("""{"text":"Cleared /var/log; watching.","user":"carol","id":"web-1"}"""));
        using var again = await alice.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/notes",
            AppAccounts.Json("""{"text":"Cleared /var/log; watching.","id":"web-1"}"""));
        using var blank = await alice.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/notes", AppAccounts.Json("""{"text":" "}"""));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest), (added.StatusCode, again.StatusCode, blank.StatusCode));
        Assert.Equal("text", (string?)(await blank.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        var incident = await devHost.WaitForIncidentAsync(accounts.A, 1, _ => true);
        var note = Assert.Single(incident["timeline"]!.AsArray(), line => (string?)line!["kind"] == "note")!;
        Assert.Equal(("Cleared /var/log; watching.", "alice", "web"), ((string?)note["message"], (string?)note["actor"], (string?)note["source"]));
    }

    [Fact]
    public async Task Escalate_now_queues_escalation_work_for_an_open_incident()
    {
        var accounts = await AccountsWithAnIncidentAsync();
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);

        using var escalate = await alice.PostAsync($"app/api/accounts/{accounts.A}/incidents/1/escalate", null);

        Assert.Equal(HttpStatusCode.Accepted, escalate.StatusCode);
        await devHost.WaitForIncidentAsync(accounts.A, 1, i => i["timeline"]!.AsArray()
            .Any(line => ((string?)line!["message"])?.Contains("alice", StringComparison.Ordinal) == true && (string?)line["kind"] != "triggered"
                && ((string?)line["message"])!.Contains("scalat", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_call_shows_who_is_on_call_the_persons_shifts_and_a_calendar()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);

        var onCall = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/oncall"))!;

        Assert.Equal("alice", (string?)onCall["schedules"]![0]!["onCall"]![0]!["id"]);
        Assert.Equal("Alice", (string?)onCall["teams"]![0]!["onCall"]![0]!["name"]);
        Assert.NotEmpty(onCall["myShifts"]!.AsArray());
        using var calendar = await alice.GetAsync((string?)onCall["schedules"]![0]!["calendarUrl"]!.ToString().TrimStart('/'));
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await calendar.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_subscription_link_works_without_sign_in_only_as_signed()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        var onCall = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/oncall"))!;
        var link = ((string?)onCall["schedules"]![0]!["subscriptionUrl"])!.TrimStart('/');

        using (var feed = await devHost.Http.GetAsync(link)) // a calendar app: no cookie, no key
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var forged in new[]
        {
            link.Replace("u=alice", "u=carol", StringComparison.Ordinal),
            link[..^2] + (link[^2] == 'A' ? "BB" : "AA"),
            link.Replace(accounts.A, accounts.B, StringComparison.Ordinal),
            link[..link.IndexOf("&s=", StringComparison.Ordinal)],
        })
        {
            using var refused = await devHost.Http.GetAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Resetting_calendar_links_revokes_the_persons_links_only_and_the_page_shows_new_ones()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);
        async Task<string> LinkAsync(HttpClient person) =>
            ((string?)(await person.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/oncall"))!["schedules"]![0]!["subscriptionUrl"])!.TrimStart('/');
        var aliceLink = await LinkAsync(alice);
        var carolLink = await LinkAsync(carol);

        using var reset = await alice.PostAsync($"app/api/accounts/{accounts.A}/me/calendar-links/reset", null);
        var newLink = await LinkAsync(alice);
        using var old = await devHost.Http.GetAsync(aliceLink);
        using var renewed = await devHost.Http.GetAsync(newLink);
        using var others = await devHost.Http.GetAsync(carolLink);
        using var byAdmin = await devHost.Admin(HttpMethod.Post, $"api/accounts/{accounts.A}/users/alice/calendar-links/reset");
        using var afterAdmin = await devHost.Http.GetAsync(newLink);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.NotEqual(aliceLink, newLink);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterAdmin.StatusCode);
    }

    [Fact]
    public async Task Me_shows_rules_and_manages_only_the_persons_own_push_devices()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);
        await using var pushService = await LocalPushService.StartAsync(devHost.Providers.Vapid.PublicKey, "mailto:ops@example.test");
        var browser = pushService.Subscribe();
        var subscription = browser.ToJson();

        using var bad = await alice.PostAsync($"app/api/accounts/{accounts.A}/me/push-devices", AppAccounts.Json("""{"endpoint":"http://x"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var added = await alice.PostAsync($"app/api/accounts/{accounts.A}/me/push-devices", AppAccounts.Json(subscription));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (string?)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"];

        var me = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/me"))!;
        Assert.Equal("email", (string?)me["notificationRules"]![0]!["steps"]![0]!["channel"]);
        Assert.Equal(id, (string?)Assert.Single(me["pushDevices"]!.AsArray())!["id"]);
        Assert.DoesNotContain(browser.Auth, me.ToJsonString(), StringComparison.Ordinal);
        var carolsMe = (await carol.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/me"))!;
        Assert.Empty(carolsMe["pushDevices"]!.AsArray());

        using (var notCarols = await carol.DeleteAsync($"app/api/accounts/{accounts.A}/me/push-devices/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notCarols.StatusCode);
        }
        using (var removed = await alice.DeleteAsync($"app/api/accounts/{accounts.A}/me/push-devices/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
    }

    [Fact]
    public async Task A_device_added_in_the_app_receives_pages_that_a_real_push_service_decrypts()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        var vapid = (await devHost.Http.GetFromJsonAsync<JsonObject>("push/vapid-public-key"))!;
        await using var pushService = await LocalPushService.StartAsync((string)vapid["publicKey"]!, "mailto:ops@example.test");
        var browser = pushService.Subscribe();
        using (var added = await alice.PostAsync($"app/api/accounts/{accounts.A}/me/push-devices", AppAccounts.Json(browser.ToJson())))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var sender = devHost.Host.Services.GetServices<IChannelSender>().OfType<WebPushSender>().Single();
        await sender.SendAsync(new OutgoingPage(Guid.NewGuid().ToString(), accounts.A, "alice", "Alice", NotificationChannel.Push, "",
            [new PagedIncident(accounts.A, 1, "Disk full", Urgency.High)]), CancellationToken.None);

        var received = Assert.Single(browser.Received);
        Assert.Null(received.VapidError);
        var payload = JsonNode.Parse(received.Plaintext!)!;
        Assert.Equal(1L, (long?)payload["incident"]!["number"]);
        Assert.Contains("Disk full", (string?)payload["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_read_and_save_the_document_with_errors_at_json_paths()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        using var alice = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Alice);
        var path = $"app/api/accounts/{accounts.A}/admin/config";

        var document = JsonNode.Parse(await alice.GetStringAsync(path))!.AsObject();
        Assert.DoesNotContain("token", document.ToJsonString(), StringComparison.Ordinal);
        document["users"]![1]!["role"] = "owner";
        using (var invalid = await alice.PutAsync(path, AppAccounts.Json(document.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("$.users[1].role", (string?)(await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        }
        document["users"]![1]!["role"] = "admin";
        document["integrations"]!.AsArray().Add(new JsonObject { ["id"] = "new-one", ["name"] = "New", ["urgency"] = "low", ["team"] = "ops", ["enabled"] = true });
        using (var saved = await alice.PutAsync(path, AppAccounts.Json(document.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var generated = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["generatedTokens"]![0]!;
            Assert.StartsWith($"/integration/{accounts.A}/new-one/", (string?)generated["url"], StringComparison.Ordinal);
        }
        var integrations = (await alice.GetFromJsonAsync<JsonObject>($"app/api/accounts/{accounts.A}/admin/integrations"))!["items"]!.AsArray();
        Assert.Contains(integrations, i => (string?)i!["url"] == $"/integration/{accounts.A}/new-one/{{token}}");
        using var carol = await AppAccounts.SignInAsync(devHost.Host.BaseAddress, accounts.Carol);
        using var nowAdmin = await carol.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, nowAdmin.StatusCode);
    }

    [Fact]
    public async Task The_app_is_served_with_a_strict_content_security_policy()
    {
        using var page = await devHost.Http.GetAsync("app/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        using var bare = await devHost.Http.GetAsync("app");
        Assert.Equal("/app/", bare.RequestMessage!.RequestUri!.AbsolutePath); // followed the redirect
        using var missing = await devHost.Http.GetAsync("app/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_local_sign_in_page_lists_loaded_users_and_says_it_is_local_only()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);

        var page = await devHost.Http.GetStringAsync(LocalSignIn.LoginPath.TrimStart('/'));

        Assert.Contains(accounts.Alice, page, StringComparison.Ordinal);
        Assert.Contains(accounts.Bob, page, StringComparison.Ordinal);
        Assert.Contains("DevHost only", page, StringComparison.Ordinal);
        using var unknown = await devHost.Http.PostAsync(LocalSignIn.LoginPath.TrimStart('/'), new FormUrlEncodedContent([new("login", "mallory@example.com")]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
