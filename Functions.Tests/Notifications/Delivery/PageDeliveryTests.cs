using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Azure.Data.Tables;
using Klaxon.Notifications.Delivery;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Notifications.Delivery;

/// <summary>Page delivery against Azurite: dedup on redelivery, never paging a closed incident, retries and failures.</summary>
[Collection(AzuriteCollection.Name)]
public class PageDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Without_a_provider_the_outbox_records_the_page_once_however_often_the_job_arrives()
    {
        await using var rig = await DeliveryRig.CreateAsync(azurite);
        var number = await rig.OpenIncidentAsync("outbox");

        var page = rig.Page(number);
        await rig.DispatchAsync(page);
        await rig.DispatchAsync(page);

        var lines = await rig.TimelineAsync(number, "page");
        var line = Assert.Single(lines);
        Assert.Equal("Paged alice by sms (outbox: no sms provider configured).", line.Message);
        Assert.Equal("outbox", line.Source);
    }

    [Fact]
    public async Task A_redelivered_page_is_not_sent_again_once_the_provider_accepted_it()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms);
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, sms);
        var number = await rig.OpenIncidentAsync("dedup");

        var page = rig.Page(number);
        await rig.DispatchAsync(page);
        await rig.DispatchAsync(page);
        await rig.DispatchAsync(page with { Attempt = 1 });

        var sent = Assert.Single(sms.Sent);
        Assert.Equal(rig.Phone, sent.Address);
        Assert.Equal("Database down", Assert.Single(sent.Incidents).Title);
        Assert.Equal("Paged alice by sms (twilio SM1).", Assert.Single(await rig.TimelineAsync(number, "page")).Message);
    }

    [Fact]
    public async Task A_page_for_an_incident_resolved_meanwhile_is_not_sent()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms);
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, sms);
        var number = await rig.OpenIncidentAsync("late");
        await rig.ResolveAsync(number);

        await rig.DispatchAsync(rig.Page(number));

        Assert.Empty(sms.Sent);
        Assert.Equal("Not paged alice by sms: the incident was already resolved.", Assert.Single(await rig.TimelineAsync(number, "not_paged")).Message);
    }

    [Fact]
    public async Task A_transient_failure_goes_back_on_the_queue_and_is_sent_by_the_next_round()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms).Then(SendResult.Transient("HTTP 503"));
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, sms);
        var number = await rig.OpenIncidentAsync("transient");
        await rig.DrainJobsAsync();

        await rig.DispatchAsync(rig.Page(number));

        var retry = Assert.Single(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        Assert.Equal(1, retry.Attempt);
        Assert.Contains("(HTTP 503); trying again in", Assert.Single(await rig.TimelineAsync(number, "page_retry")).Message);
        Assert.Empty(await rig.TimelineAsync(number, "page"));

        await rig.DispatchAsync(retry);

        Assert.Equal(2, sms.Sent.Count);
        Assert.Single(await rig.TimelineAsync(number, "page"));
        Assert.Empty(await rig.DrainJobsAsync());
    }

    [Fact]
    public async Task A_page_still_failing_after_the_last_round_is_recorded_as_failed()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms).Then(SendResult.Transient("HTTP 500"), SendResult.Transient("HTTP 500"));
        await using var rig = await DeliveryRig.CreateAsync(azurite, new Dictionary<string, string?> { ["Notifications:Delivery:MaxRequeues"] = "1" }, sms);
        var number = await rig.OpenIncidentAsync("gives-up");
        await rig.DrainJobsAsync();

        await rig.DispatchAsync(rig.Page(number));
        var retry = Assert.Single(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        await rig.DispatchAsync(retry);

        Assert.DoesNotContain(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        Assert.Equal("Gave up paging alice by sms after 2 rounds of tries: HTTP 500.", Assert.Single(await rig.TimelineAsync(number, "page_failed")).Message);
        await rig.DispatchAsync(retry);
        Assert.Equal(2, sms.Sent.Count);
    }

    [Fact]
    public async Task A_permanent_failure_is_recorded_and_not_retried_and_other_channels_still_go_out()
    {
        var sms = new ScriptedChannel(NotificationChannel.Sms).Then(SendResult.Permanent("Twilio 21211: invalid 'To' number"));
        var email = new ScriptedChannel(NotificationChannel.Email);
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, sms, email);
        var number = await rig.OpenIncidentAsync("permanent");
        await rig.DrainJobsAsync();

        await rig.DispatchAsync(rig.Page(number, "sms"));
        await rig.DispatchAsync(rig.Page(number, "email", step: 1));
        await rig.DispatchAsync(rig.Page(number, "sms"));

        Assert.Single(sms.Sent);
        Assert.Single(email.Sent);
        Assert.DoesNotContain(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        Assert.Equal("Could not page alice by sms: Twilio 21211: invalid 'To' number.", Assert.Single(await rig.TimelineAsync(number, "page_failed")).Message);
        Assert.Equal("Paged alice by email (sendgrid SM1).", Assert.Single(await rig.TimelineAsync(number, "page")).Message);
    }

    [Fact]
    public async Task A_user_without_the_contact_the_channel_needs_is_recorded_as_a_failed_page()
    {
        await using var rig = await DeliveryRig.CreateAsync(azurite);
        var number = await rig.OpenIncidentAsync("no-phone");

        await rig.DispatchAsync(rig.Page(number, "sms", user: "bob"));

        Assert.Equal("Could not page bob by sms: the user has no phone number.", Assert.Single(await rig.TimelineAsync(number, "page_failed")).Message);
    }

    [Fact]
    public async Task A_page_costs_three_storage_requests_its_record_read_the_incident_read_and_one_write()
    {
        var email = new ScriptedChannel(NotificationChannel.Email);
        var counter = new RequestCounter();
        await using var rig = await DeliveryRig.CreateAsync(azurite, null, services => services.AddSingleton(provider =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
            return new TableServiceClient(azurite.ConnectionString, options);
        }), email);
        await rig.DispatchAsync(rig.Page(await rig.OpenIncidentAsync("warm-up"), "email"));
        var number = await rig.OpenIncidentAsync("counted");

        var before = counter.Count;
        await rig.DispatchAsync(rig.Page(number, "email"));

        // Not the stored account (the snapshot the escalation used), and the delivery record and its timeline line
        // in one transaction.
        Assert.Equal(3, counter.Count - before);
        Assert.Single(email.Sent, page => page.Incidents[0].Number == number);
        Assert.Equal("Paged alice by email (sendgrid SM2).", Assert.Single(await rig.TimelineAsync(number, "page")).Message);
    }

    [Fact]
    public async Task A_record_whose_line_an_earlier_delivery_wrote_is_still_written()
    {
        await using var rig = await DeliveryRig.CreateAsync(azurite);
        var number = await rig.OpenIncidentAsync("line-first");
        var timeline = rig.Services.GetRequiredService<PageTimeline>();
        var deliveries = rig.Services.GetRequiredService<DeliveryLog>();
        var at = rig.Clock.GetUtcNow();
        await timeline.AddAsync(rig.AccountId, number, at, "job-1", "page", "Paged alice by sms (twilio SM1).", "twilio", CancellationToken.None);

        await deliveries.RecordAsync(new DeliveryRecord(rig.AccountId, number, "job-1", NotificationChannel.Sms, "alice", DeliveryState.Queued, "SM1"),
            timeline.Line(number, at, "job-1", "page", "Paged alice by sms (twilio SM1).", "twilio"), CancellationToken.None);

        Assert.Equal(DeliveryState.Queued, await deliveries.GetStateAsync(rig.AccountId, "job-1", CancellationToken.None));
        Assert.Single(await rig.TimelineAsync(number, "page"));
    }
}
