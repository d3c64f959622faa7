using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;
using Klaxon.Notifications.Voice;
using Klaxon.Tests.Notifications.Twilio;

namespace Klaxon.Tests.Notifications.Voice;

[Collection(TwilioClientPrismCollection.Name)]
public class TwilioVoiceSenderTests(TwilioClientPrismFixture prism)
{
    /// <summary>The sid of the "create" example in Twilio's description, which Prism answers with.</summary>
    public const string ExampleCallSid = "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static OutgoingPage Page(params PagedIncident[] incidents) =>
        new("job-9", "acme", "alice", "Alice", NotificationChannel.Voice, "+15550002222", incidents);

    [Fact]
    public async Task A_page_call_carries_its_twiml_and_asks_for_every_call_progress_event()
    {
        await using var rig = new TwilioClientRig(prism.Prism);
        var sender = rig.Get<Klaxon.Notifications.Voice.TwilioVoiceSender>(); // its registration as a channel is exercised by the delivery tests
        var page = Page(new PagedIncident("acme", 42, "Database down", Urgency.High));
        var mark = prism.Mark();

        Assert.True(sender.IsConfigured);
        var result = await sender.SendAsync(page, CancellationToken.None);

        Assert.Equal(SendResult.Accepted(ExampleCallSid), result);
        await prism.AssertValidSinceAsync(mark, 1);
        var request = Assert.Single(rig.Faults.Requests);
        Assert.EndsWith($"/2010-04-01/Accounts/{ProviderMocks.TwilioAccountSid}/Calls.json", request.Uri.AbsolutePath);
        Assert.Equal("+15550002222", request.Form["To"].ToString());
        Assert.Equal(ProviderMocks.TwilioFromNumber, request.Form["From"].ToString());
        Assert.Equal(VoiceTwiml.ForPage(page, ProviderMocks.PublicBaseUrl), request.Form["Twiml"].ToString());
        Assert.Equal(TwilioRoutes.StatusCallback(ProviderMocks.PublicBaseUrl, "acme", 42, "job-9"), request.Form["StatusCallback"].ToString());
        Assert.Equal(["initiated", "ringing", "answered", "completed"], request.Form["StatusCallbackEvent"].Select(value => value ?? ""));
        Assert.Equal("POST", request.Form["StatusCallbackMethod"].ToString());
    }

    [Fact]
    public async Task A_summary_call_is_accepted()
    {
        await using var rig = new TwilioClientRig(prism.Prism);
        var page = Page(new("acme", 44, "Disk full", Urgency.Low), new("acme", 43, "Database down", Urgency.High));
        var mark = prism.Mark();

        var result = await rig.Get<TwilioVoiceSender>().SendAsync(page, CancellationToken.None);

        Assert.Equal(SendResult.Accepted(ExampleCallSid), result);
        await prism.AssertValidSinceAsync(mark, 1);
        Assert.Contains("n=44,43", Assert.Single(rig.Faults.Requests).Form["Twiml"].ToString());
    }

    [Fact]
    public async Task Voice_needs_the_public_base_url_for_its_keypad_answer()
    {
        await using var rig = new TwilioClientRig(prism.Prism, new Dictionary<string, string?> { ["Klaxon:PublicBaseUrl"] = null });
        var sender = rig.Get<TwilioVoiceSender>();

        Assert.False(sender.IsConfigured);
        var result = await sender.SendAsync(Page(new PagedIncident("acme", 1, "t", Urgency.Low)), CancellationToken.None);
        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Empty(rig.Faults.Requests);
    }

    [Fact]
    public async Task An_invalid_phone_number_is_permanent_after_one_try()
    {
        await using var rig = new TwilioClientRig(prism.Prism);
        rig.Faults.Then(TwilioFaults.Error(400, 21217, "Phone number does not appear to be valid"));

        var result = await rig.Get<TwilioVoiceSender>().SendAsync(Page(new PagedIncident("acme", 1, "t", Urgency.Low)), CancellationToken.None);

        Assert.Equal(SendResult.Permanent("Twilio 21217: invalid phone number"), result);
        Assert.Single(rig.Faults.Requests);
    }
}
