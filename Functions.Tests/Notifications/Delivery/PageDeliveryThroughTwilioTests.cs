using System.Net;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Notifications.Twilio;
using Klaxon.Tests.Notifications.Twilio;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Notifications.Delivery;

/// <summary>
/// Page delivery with the real Twilio library against Prism (the official API description), a fault-injecting handler in
/// front of it, and the real storage on Azurite: what the queue sees under retries, failures and redelivery.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class PageDeliveryThroughTwilioTests(AzuriteFixture azurite, TwilioClientPrismFixture prism) : IClassFixture<TwilioClientPrismFixture>
{
    private async Task<(DeliveryRig Rig, TwilioFaults Faults)> CreateAsync()
    {
        var faults = new TwilioFaults();
        var settings = new Dictionary<string, string?>
        {
            ["Klaxon:PublicBaseUrl"] = ProviderMocks.PublicBaseUrl,
            ["Notifications:Twilio:AccountSid"] = ProviderMocks.TwilioAccountSid,
            ["Notifications:Twilio:AuthToken"] = "test-token",
            ["Notifications:Twilio:FromNumber"] = ProviderMocks.TwilioFromNumber,
            ["Notifications:Twilio:ApiBaseUrl"] = prism.Prism.BaseUrl,
            ["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.010",
        };
        var rig = await DeliveryRig.CreateAsync(azurite, settings,
            services =>
            {
                services.AddHttpClient(TwilioHttp.ClientName).AddHttpMessageHandler(() => new TwilioFaultHandler(faults));
                // The resilience pipeline waits on the registered TimeProvider: a fake clock would stop its backoff.
                services.AddSingleton(TimeProvider.System);
            });
        return (rig, faults);
    }

    [Fact]
    public async Task A_page_delivered_twice_by_the_queue_reaches_twilio_once()
    {
        var (rig, faults) = await CreateAsync();
        await using var _ = rig;
        var mark = prism.Mark();
        var number = await rig.OpenIncidentAsync("twice");

        var page = rig.Page(number);
        await rig.DispatchAsync(page);
        await rig.DispatchAsync(page);

        Assert.Equal(1, faults.PassedThrough);
        var request = Assert.Single(faults.Requests);
        Assert.Equal(rig.Phone, request.Form["To"].ToString());
        Assert.StartsWith($"#{number} [HIGH] Database down - reply {number}a", request.Form["Body"].ToString());
        Assert.StartsWith("Paged alice by sms (twilio SM", Assert.Single(await rig.TimelineAsync(number, "page")).Message);
        await prism.AssertValidSinceAsync(mark, requests: 1);
    }

    [Fact]
    public async Task Transient_failures_retry_with_backoff_then_go_back_on_the_queue_and_the_next_round_sends_once()
    {
        var (rig, faults) = await CreateAsync();
        await using var _ = rig;
        faults.Then(TwilioFaults.Status(HttpStatusCode.ServiceUnavailable), times: 4);
        var number = await rig.OpenIncidentAsync("flaky");
        await rig.DrainJobsAsync();

        await rig.DispatchAsync(rig.Page(number));

        Assert.Equal(4, faults.Requests.Count); // the first try and three retries in process
        Assert.Equal(0, faults.PassedThrough);
        var retry = Assert.Single(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        await rig.DispatchAsync(retry);
        await rig.DispatchAsync(retry);

        Assert.Equal(1, faults.PassedThrough);
        Assert.Single(await rig.TimelineAsync(number, "page_retry"));
        Assert.Single(await rig.TimelineAsync(number, "page"));
    }

    [Fact]
    public async Task An_invalid_number_is_recorded_as_failed_after_one_try_and_never_retried()
    {
        var (rig, faults) = await CreateAsync();
        await using var _ = rig;
        faults.Then(TwilioFaults.Error(400, 21211, "The 'To' number is not a valid phone number."));
        var number = await rig.OpenIncidentAsync("invalid");
        await rig.DrainJobsAsync();

        await rig.DispatchAsync(rig.Page(number));
        await rig.DispatchAsync(rig.Page(number));

        Assert.Single(faults.Requests);
        Assert.DoesNotContain(await rig.DrainJobsAsync(), job => job.Kind.ToWire() == "page");
        Assert.Equal("Could not page alice by sms: Twilio 21211: invalid 'To' number.", Assert.Single(await rig.TimelineAsync(number, "page_failed")).Message);
    }
}
