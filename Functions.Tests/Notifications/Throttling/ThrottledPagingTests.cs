using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications;
using Klaxon.Tests.Notifications.Delivery;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Throttling;

/// <summary>Per-phone throttling with the real services on Azurite: a flood of incidents becomes a few SMS and one summary.</summary>
[Collection(AzuriteCollection.Name)]
public class ThrottledPagingTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ShortWindow = new() { ["Notifications:Delivery:ThrottleWindow"] = "00:00:01" };

    [Fact]
    public async Task A_flood_sends_the_limit_then_one_summary_of_the_held_pages_that_are_still_open()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms);
        await using var rig = await DeliveryRig.CreateAsync(azurite, ShortWindow, sms);
        var numbers = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            numbers.Add(await rig.OpenIncidentAsync($"flood-{i}", $"Disk {i} full"));
        }
        await rig.DrainJobsAsync();

        foreach (var number in numbers)
        {
            await rig.DispatchAsync(rig.Page(number));
        }

        Assert.Equal(5, sms.Sent.Count);
        foreach (var number in numbers[5..])
        {
            Assert.StartsWith("Held back page to alice by sms", Assert.Single(await rig.TimelineAsync(number, "page_held")).Message);
        }
        await rig.ResolveAsync(numbers[6]);
        rig.Clock.Advance(TimeSpan.FromSeconds(2));

        var bundle = Assert.Single(await WaitForJobsAsync(rig, "bundle"));
        await rig.DispatchAsync(bundle);
        await rig.DispatchAsync(bundle);

        Assert.Equal(6, sms.Sent.Count);
        var summary = sms.Sent.Last();
        Assert.Equal(rig.Phone, summary.Address);
        Assert.Equal([numbers[7], numbers[5]], summary.Incidents.Select(i => i.Number));
        Assert.Equal("Paged alice by sms in a summary of 2 held-back pages (twilio SM6).", Assert.Single(await rig.TimelineAsync(numbers[5], "page")).Message);
        Assert.Single(await rig.TimelineAsync(numbers[7], "page"));
        Assert.Contains("already resolved", Assert.Single(await rig.TimelineAsync(numbers[6], "not_paged")).Message);
    }

    [Fact]
    public async Task Calls_are_limited_separately_from_sms()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms);
        var voice = new ScriptedChannel(NotificationChannel.Voice);
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, sms, voice);
        for (var i = 0; i < 4; i++)
        {
            var number = await rig.OpenIncidentAsync($"call-{i}");
            await rig.DispatchAsync(rig.Page(number, "voice"));
            await rig.DispatchAsync(rig.Page(number, "sms", step: 1));
        }

        Assert.Equal(3, voice.Sent.Count);
        Assert.Equal(4, sms.Sent.Count);
    }

    [Fact]
    public async Task A_summary_that_fails_transiently_is_held_again_and_sent_by_the_retry()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms)
            .Then(SendResult.Accepted("SM1"), SendResult.Transient("HTTP 503"));
        await using var rig = await DeliveryRig.CreateAsync(azurite, new Dictionary<string, string?>(ShortWindow) { ["Notifications:Delivery:SmsPerWindow"] = "1" }, sms);
        var first = await rig.OpenIncidentAsync("retry-1");
        var second = await rig.OpenIncidentAsync("retry-2");
        await rig.DrainJobsAsync();
        await rig.DispatchAsync(rig.Page(first));
        await rig.DispatchAsync(rig.Page(second));
        rig.Clock.Advance(TimeSpan.FromSeconds(2));

        var bundle = Assert.Single(await WaitForJobsAsync(rig, "bundle"));
        await rig.DispatchAsync(bundle);
        var retry = Assert.Single(await WaitForJobsAsync(rig, "bundle"));
        Assert.Equal(1, retry.Attempt);
        await rig.DispatchAsync(retry);

        Assert.Equal(3, sms.Sent.Count);
        Assert.Equal([second], sms.Sent.Last().Incidents.Select(i => i.Number));
        Assert.Single(await rig.TimelineAsync(second, "page"));
        Assert.Single(await rig.TimelineAsync(second, "page_retry"));
    }

    [Fact]
    public async Task A_burst_of_concurrent_pages_to_one_phone_all_go_through_without_giving_up_on_conflicts()
    {
        // A queue batch of pages to one phone all update that phone's throttle and contact rows at once. Before pages
        // took turns per row, they kept invalidating each other's ETags until some jobs failed (seen in the ingest
        // benchmark: 44 page jobs poisoned).
        var sms = new ScriptedChannel(NotificationChannel.Sms);
        await using var rig = await DeliveryRig.CreateAsync(azurite, new Dictionary<string, string?> { ["Notifications:Delivery:SmsPerWindow"] = "1000" }, sms);
        var numbers = new List<long>();
        for (var i = 0; i < 48; i++)
        {
            numbers.Add(await rig.OpenIncidentAsync($"burst-{i}"));
        }

        await Task.WhenAll(numbers.Select(number => Task.Run(() => rig.DispatchAsync(rig.Page(number)))));

        Assert.Equal(48, sms.Sent.Count);
        foreach (var number in numbers.Take(5))
        {
            Assert.Single(await rig.TimelineAsync(number, "page"));
        }
    }

    private static async Task<IReadOnlyList<DeliveryJob>> WaitForJobsAsync(DeliveryRig rig, string kind)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var jobs = (await rig.DrainJobsAsync()).Where(job => job.Kind.ToWire() == kind).ToList();
            if (jobs.Count > 0)
            {
                return jobs;
            }
            await Task.Delay(200);
        }
        return [];
    }
}
