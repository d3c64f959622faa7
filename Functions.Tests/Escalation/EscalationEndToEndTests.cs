using System.Net;
using System.Text.Json.Nodes;
using Klaxon.Incidents;
using Klaxon.Notifications;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Escalation;

/// <summary>
/// Escalation on DevHost + Azurite with second-scale durations: webhook → incident → escalation started by the
/// notification job → pages by the timer's sweep through the escalations queue → outbox records on the timeline.
/// The fixture's timer ticks every second.
/// </summary>
[Collection(DevHostCollection.Name)]
public class EscalationEndToEndTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Layer_one_is_paged_per_its_rules_and_without_ack_layer_two_is_paged()
    {
        var account = await CreateAccountAsync();
        await OpenAsync(account, "no-ack");

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("bob by email"));

        var pages = Pages(incident);
        Assert.Equal(["alice by sms", "alice by voice", "bob by email"], pages);
        Assert.Contains(Kinds(incident), k => k == "escalated");
    }

    [Fact]
    public async Task Acknowledge_after_the_first_page_stops_everything()
    {
        var account = await CreateAccountAsync();
        await OpenAsync(account, "ack");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("alice by sms"));

        using (var ack = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/acknowledge", """{"user":"alice"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("stopped"));
        // Past alice's voice step (+2 s) and layer 2 (+4 s), with the timer ticking every second.
        await Task.Delay(TimeSpan.FromSeconds(6));

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal(["alice by sms"], Pages(incident));
    }

    [Fact]
    public async Task Resolve_during_a_pending_step_sends_nothing_more()
    {
        var account = await CreateAccountAsync();
        await OpenAsync(account, "resolve");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("alice by sms"));

        using (var resolve = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"resolve"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, resolve.StatusCode);
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Kinds(i).Contains("stopped"));
        await Task.Delay(TimeSpan.FromSeconds(6));

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal(["alice by sms"], Pages(incident));
        Assert.Equal("resolved", (string?)incident["status"]);
    }

    [Fact]
    public async Task Escalate_now_pages_the_next_layer_at_once()
    {
        // alice's voice step 8 s after the open, not 2 s: under a loaded full run the escalate request itself could take
        // over 2 s, and the voice page then went out, rightly, before it (a flaky failure).
        var account = await CreateAccountAsync(escalateAfter: "PT5M", voiceAfter: "PT8S");
        var opened = DateTimeOffset.UtcNow;
        await OpenAsync(account, "escalate");
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("alice by sms"));

        using (var escalate = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/escalate", """{"user":"carol"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, escalate.StatusCode);
        }

        await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("bob by email"));
        // Well past the voice step's due time (the timer ticks every second, a page follows within about 1 s): escalating
        // cancelled it.
        var pastVoice = opened + TimeSpan.FromSeconds(12) - DateTimeOffset.UtcNow;
        if (pastVoice > TimeSpan.Zero)
        {
            await Task.Delay(pastVoice);
        }
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.DoesNotContain("alice by voice", Pages(incident));
    }

    [Fact]
    public async Task The_queued_copy_of_an_inline_start_pages_nobody_twice()
    {
        var account = await CreateAccountAsync(escalateAfter: "PT5M");
        using var response = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":"inline","Title":"Inline start"}""");
        var requestId = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["request_id"]!;
        await devHost.WaitForIncidentAsync(account.Id, 1, i => Pages(i).Contains("alice by sms"));

        var stored = await devHost.Host.Services.GetRequiredService<IncidentStore>().ReadAppliedJobsAsync(account.Id, requestId, CancellationToken.None);
        var job = Assert.Single(JsonNode.Parse(stored!)!.AsArray())!.ToJsonString();
        // What a redelivered event republishes after a crash between its commit (the escalation started and paged from
        // that invocation) and the message's delete, run as the notifications queue's trigger runs it.
        await devHost.Host.Services.GetRequiredService<INotificationDispatcher>().DispatchAsync(NotificationMessages.Read(job), CancellationToken.None);

        // alice's voice step (+2 s) may have come due meanwhile; the SMS must not have gone twice.
        var after = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Single(Pages(after), page => page == "alice by sms");
    }

    [Fact]
    public async Task Escalate_needs_an_open_incident_and_a_known_user()
    {
        var account = await CreateAccountAsync();
        using var missing = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/7/escalate", "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await OpenAsync(account, "closed");
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        using var unknown = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/escalate", """{"user":"mallory"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using (await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"closed"}"""))
        {
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");
        using var closed = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/escalate", "{}");
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
    }

    private async Task<TestAccount> CreateAccountAsync(string escalateAfter = "PT4S", string voiceAfter = "PT2S")
    {
        var id = "esc" + Guid.NewGuid().ToString("N")[..12];
        var integration = Guid.NewGuid().ToString();
        var token = Guid.NewGuid().ToString("N");
        var document = $$"""
            { "id": "{{id}}", "name": "Escalation test",
              "users": [
                { "id": "alice", "name": "Alice", "phone": "+15551230001",
                  "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }, { "channel": "voice", "after": "{{voiceAfter}}" }] } },
                { "id": "bob", "name": "Bob", "email": "bob@example.com",
                  "notificationRules": { "high": [{ "channel": "email", "after": "PT0S" }] } },
                { "id": "carol", "name": "Carol", "email": "carol@example.com" } ],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [
                  { "targets": [{ "user": "alice" }], "escalateAfter": "{{escalateAfter}}" },
                  { "targets": [{ "user": "bob" }], "escalateAfter": "{{escalateAfter}}" } ] } }],
              "integrations": [{ "id": "{{integration}}", "token": "{{token}}", "name": "Monitor", "urgency": "high", "team": "ops" }] }
            """;
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", document);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return new TestAccount(id, integration, token);
    }

    private async Task OpenAsync(TestAccount account, string alertId)
    {
        using var response = await devHost.PostWebhookAsync(account.WebhookPath,
            $$"""{"event_type":"create","Id":"{{alertId}}","Title":"Escalation {{alertId}}","Description":"test"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>"alice by sms" for each page the outbox recorded, in timeline order.</summary>
    private static List<string> Pages(JsonObject incident) => [.. incident["timeline"]!.AsArray()
        .Where(t => (string?)t!["kind"] == "page")
        .Select(t => (string)t!["message"]!)
        .Select(m => m["Paged ".Length..m.IndexOf(" (", StringComparison.Ordinal)])];

    private static List<string?> Kinds(JsonObject incident) => [.. incident["timeline"]!.AsArray().Select(t => (string?)t!["kind"])];
}
