using Klaxon.Incidents;
using Klaxon.Outgoing;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Outgoing;

/// <summary>
/// Outgoing webhooks on Azurite against a real receiver on loopback that checks every signature: what is sent for each
/// incident event, the same event id on redelivery, retries after 503 and 429 (with Retry-After), timeouts, giving up
/// (reported on the timeline), redirects not followed, and the delivery log.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OutgoingDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Opening_acknowledging_and_resolving_send_signed_events_in_the_documented_shape()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url);
        receiver.Secret = rig.Secret;
        Assert.StartsWith("whsec_", rig.Secret, StringComparison.Ordinal);

        var number = await rig.OpenIncidentAsync("disk-db1");
        await rig.RunUntilAsync(() => receiver.Requests.Any(r => r.EventType == "incident.opened"));
        await rig.ApplyAsync(rig.NewEvent(IncidentActionKind.Acknowledge, "disk-db1", actor: "alice", source: "sms") with { IncidentNumber = number });
        await rig.RunUntilAsync(() => receiver.Requests.Any(r => r.EventType == "incident.acknowledged"));
        await rig.ApplyAsync(rig.NewEvent(IncidentActionKind.Resolve, "disk-db1", actor: "alice", source: "api") with { IncidentNumber = number });
        await rig.RunUntilAsync(() => receiver.Requests.Any(r => r.EventType == "incident.resolved"));

        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"bad signature on {r.EventType}"));
        Assert.All(receiver.Requests, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        var opened = receiver.Requests.Single(r => r.EventType == "incident.opened").Json;
        Assert.Equal(receiver.Requests.Single(r => r.EventType == "incident.opened").EventId, (string)opened["id"]!);
        Assert.Equal("incident.opened", (string)opened["type"]!);
        Assert.Equal(rig.AccountId, (string)opened["account"]!);
        Assert.Equal(number, (long)opened["incident"]!["number"]!);
        Assert.Equal("Disk full on db1", (string)opened["incident"]!["title"]!);
        Assert.Equal("high", (string)opened["incident"]!["urgency"]!);
        Assert.Equal("ops", (string)opened["incident"]!["team"]!);
        Assert.Equal($"{OutgoingRig.PublicBaseUrl}/app/#incidents/{number}/{rig.AccountId}", (string)opened["incident"]!["url"]!);
        Assert.Equal("Monitor", (string)opened["actor"]!["id"]!);
        Assert.Equal("webhook", (string)opened["actor"]!["via"]!);

        var acknowledged = receiver.Requests.Single(r => r.EventType == "incident.acknowledged").Json;
        Assert.Equal("acknowledged", (string)acknowledged["incident"]!["status"]!);
        Assert.Equal("alice", (string)acknowledged["actor"]!["id"]!);
        Assert.Equal("Alice Example", (string)acknowledged["actor"]!["name"]!);
        Assert.Equal("sms", (string)acknowledged["actor"]!["via"]!);
        Assert.Equal(3, receiver.Requests.Select(r => r.EventId).Distinct().Count());

        var log = await rig.DeliveriesAsync();
        Assert.Equal(3, log.Count);
        Assert.All(log, entry => Assert.Equal("delivered", (string)entry!["outcome"]!));
        Assert.Equal("incident.resolved", (string)log[0]!["eventType"]!); // newest first
    }

    [Fact]
    public async Task A_redelivered_announcement_or_delivery_sends_the_same_event_id_and_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        receiver.Secret = rig.Secret;
        var create = rig.NewEvent(IncidentActionKind.Create, "redelivered");
        await rig.ApplyAsync(create);
        await rig.ApplyAsync(create); // the events queue delivered it twice: applied once, announced once
        await rig.RunUntilAsync(() => receiver.Requests.Count == 1);

        // The queue hands the same announcement and the same delivery over again (at least once).
        foreach (var message in rig.Processed.ToList())
        {
            await rig.RunAsync(message);
        }
        await rig.RunUntilAsync(() => receiver.Requests.Count == 3);

        Assert.Single(receiver.Requests.Select(r => r.EventId).Distinct());
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task A_503_then_a_429_with_Retry_After_are_retried_and_logged_then_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        receiver.Secret = rig.Secret;
        receiver.Answers.Enqueue((503, null));
        receiver.Answers.Enqueue((429, 1));

        await rig.OpenIncidentAsync("flaky");
        await rig.RunUntilAsync(() => receiver.Requests.Count == 3);

        Assert.Single(receiver.Requests.Select(r => r.EventId).Distinct());
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        var log = (await rig.DeliveriesAsync()).Reverse().ToList();
        Assert.Equal(["retrying", "retrying", "delivered"], log.Select(e => (string)e!["outcome"]!));
        Assert.Equal([503, 429, 200], log.Select(e => (int?)e!["status"] ?? 200));
        Assert.Equal([1, 2, 3], log.Select(e => (int)e!["attempt"]!));
        // The 429 asked for a second: the next attempt was not due before then.
        var asked = (DateTimeOffset)log[1]!["nextAttemptAt"]! - (DateTimeOffset)log[1]!["at"]!;
        Assert.True(asked >= TimeSpan.FromSeconds(1), $"Retry-After ignored: next attempt after {asked}");
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_on_and_reported_on_the_timeline()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        for (var i = 0; i < 3; i++)
        {
            receiver.Answers.Enqueue((500, null));
        }

        var number = await rig.OpenIncidentAsync("always-500");
        await rig.RunUntilAsync(() => receiver.Requests.Count == 3);
        var timeline = await WaitForTimelineAsync(rig, number, "outgoing_failed");

        var line = Assert.Single(timeline, t => t.Kind == "outgoing_failed");
        Assert.Contains("'ops-hook'", line.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 3 attempt(s); last: HTTP 500", line.Message, StringComparison.Ordinal);
        var log = await rig.DeliveriesAsync();
        Assert.Equal("gaveUp", (string)log[0]!["outcome"]!);
        Assert.Equal(3, log.Count);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_a_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        receiver.Answers.Enqueue((302, null));
        receiver.Answers.Enqueue((400, null));

        await rig.OpenIncidentAsync("redirected");
        await rig.OpenIncidentAsync("refused");
        await rig.RunUntilAsync(() => receiver.Requests.Count == 2);
        var log = await WaitForLogAsync(rig, 2);

        Assert.All(log, entry => Assert.Equal("gaveUp", (string)entry!["outcome"]!));
        Assert.Contains(log, entry => (int?)entry!["status"] == 302 && ((string?)entry["detail"])!.Contains("redirects are not followed", StringComparison.Ordinal));
        Assert.Contains(log, entry => (int?)entry!["status"] == 400);
        Assert.Equal(0, receiver.RedirectTargetHits);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_and_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        receiver.Hang = true;

        await rig.OpenIncidentAsync("dead");
        await rig.RunUntilAsync(() => receiver.Requests.Count >= 2, TimeSpan.FromSeconds(30));

        var log = await WaitForLogAsync(rig, 1);
        var first = log[^1]!;
        Assert.Equal("retrying", (string)first["outcome"]!);
        Assert.Null((int?)first["status"]);
        Assert.Contains("no answer within 2 s", (string)first["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_removed_from_the_document_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["opened"]""");
        receiver.Answers.Enqueue((503, null));
        await rig.OpenIncidentAsync("removed");
        await rig.RunUntilAsync(() => receiver.Requests.Count == 1);
        var store = (Klaxon.Accounts.AccountStore)rig.Services.GetService(typeof(Klaxon.Accounts.AccountStore))!;
        var config = (await store.GetAsync(rig.AccountId, CancellationToken.None))!;
        await store.SaveAsync(config with { OutgoingWebhooks = [] }, CancellationToken.None);

        var log = await WaitForLogAsync(rig, 2);

        Assert.Equal("skipped", (string)log[0]!["outcome"]!);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Alerts_added_reopening_and_escalation_are_announced_too()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["alertAdded", "reopened", "escalated"]""");
        receiver.Secret = rig.Secret;

        var first = await rig.OpenIncidentAsync("cpu");
        await rig.ApplyAsync(rig.NewEvent(IncidentActionKind.Create, "cpu"));
        await rig.ApplyAsync(rig.NewEvent(IncidentActionKind.Resolve, "cpu"));
        var second = await rig.OpenIncidentAsync("cpu");
        var runner = (Klaxon.Escalation.EscalationRunner)rig.Services.GetService(typeof(Klaxon.Escalation.EscalationRunner))!;
        await runner.StartAsync(new IncidentSignalJob($"{second}:start", DateTimeOffset.UtcNow, rig.AccountId, second, IncidentSignalKind.Triggered, null, "req", "mon", "ops",
            Klaxon.Common.Urgency.High), CancellationToken.None);
        await runner.EscalateNowAsync(rig.AccountId, second, "alice", CancellationToken.None);
        await rig.RunUntilAsync(() => receiver.Requests.Count >= 3);

        Assert.NotEqual(first, second);
        var added = receiver.Requests.Single(r => r.EventType == "incident.alertAdded").Json;
        Assert.Equal(first, (long)added["incident"]!["number"]!);
        Assert.Equal(2, (int)added["incident"]!["alertCount"]!);
        var reopened = receiver.Requests.Single(r => r.EventType == "incident.reopened").Json;
        Assert.Equal(second, (long)reopened["incident"]!["number"]!);
        Assert.Equal(first, (long)reopened["previousIncident"]!);
        var escalated = receiver.Requests.Single(r => r.EventType == "incident.escalated").Json;
        Assert.Equal(second, (long)escalated["incident"]!["number"]!);
        Assert.Equal("escalation", (string)escalated["actor"]!["via"]!);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task Applying_an_event_costs_one_queue_message_per_subscribed_event_and_nothing_for_others()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var subscribed = await OutgoingRig.CreateAsync(azurite, receiver.Url, events: """["resolved"]""");
        await using var none = await OutgoingRig.CreateAsync(azurite, webhookUrl: null);

        var number = await subscribed.OpenIncidentAsync("cost");
        await none.OpenIncidentAsync("cost");
        var afterOpen = (subscribed.Puts.Count, none.Puts.Count);
        await subscribed.ApplyAsync(subscribed.NewEvent(IncidentActionKind.Resolve, "cost", actor: "alice", source: "api") with { IncidentNumber = number });

        Assert.Equal((0, 0), afterOpen);
        Assert.Equal(1, subscribed.Puts.Count);
        await subscribed.RunUntilAsync(() => receiver.Requests.Count == 1);
        Assert.Equal(2, subscribed.Puts.Count); // the announcement, then one delivery for the one receiver
    }

    [Fact]
    public async Task An_event_whose_timeline_line_was_never_committed_is_looked_for_then_dropped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var rig = await OutgoingRig.CreateAsync(azurite, receiver.Url);
        var number = await rig.OpenIncidentAsync("lost-race");
        await rig.RunUntilAsync(() => receiver.Requests.Count == 1);
        var queue = (OutgoingQueue)rig.Services.GetService(typeof(OutgoingQueue))!;
        // What an attempt that lost an optimistic-concurrency race announced: a line that was then never written.
        var phantom = new IncidentEventNotice(rig.AccountId, number, Klaxon.Common.IncidentEventKind.Acknowledged,
            IncidentRows.TimelineRow(number, DateTimeOffset.UtcNow, "never-committed", 0), "req");
        await queue.SendAsync(new OutgoingAnnouncement(phantom), TimeSpan.Zero, CancellationToken.None);

        var before = rig.Processed.Count;
        await rig.RunUntilAsync(() => rig.Processed.Count - before == OutgoingAnnouncement.MaxChecks);
        await rig.RunForAsync(TimeSpan.FromSeconds(1)); // nothing more comes of it

        Assert.Equal(OutgoingAnnouncement.MaxChecks, rig.Processed.Count - before);
        Assert.All(rig.Processed.Skip(before), m => Assert.IsType<OutgoingAnnouncement>(OutgoingQueue.Read(m)));
        Assert.Single(receiver.Requests);
        Assert.Single(await rig.DeliveriesAsync());
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> WaitForLogAsync(OutgoingRig rig, int count)
    {
        System.Text.Json.Nodes.JsonArray log = [];
        await rig.RunUntilAsync(() =>
        {
            log = rig.DeliveriesAsync().GetAwaiter().GetResult();
            return log.Count >= count;
        });
        return log;
    }

    private static async Task<IReadOnlyList<TimelineEntry>> WaitForTimelineAsync(OutgoingRig rig, long number, string kind)
    {
        IReadOnlyList<TimelineEntry> timeline = [];
        await rig.RunUntilAsync(() =>
        {
            timeline = rig.TimelineAsync(number).GetAwaiter().GetResult();
            return timeline.Any(t => t.Kind == kind);
        });
        return timeline;
    }
}
