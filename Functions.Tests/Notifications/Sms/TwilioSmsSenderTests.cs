using System.Text;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Twilio;
using Klaxon.Tests.Notifications.Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Klaxon.Tests.Notifications.Sms;

[Collection(TwilioClientPrismCollection.Name)]
public class TwilioSmsSenderTests(TwilioClientPrismFixture prism)
{
    /// <summary>The sid of the "create" example in Twilio's description, which Prism answers with.</summary>
    public const string ExampleMessageSid = "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static OutgoingPage Page(params PagedIncident[] incidents) =>
        new("job-7", "acme", "alice", "Alice", NotificationChannel.Sms, "+15550001111", incidents);

    [Fact]
    public async Task A_page_is_sent_to_the_messages_api_with_its_text_and_status_callback()
    {
        await using var rig = new TwilioClientRig(prism.Prism);
        var sender = rig.Get<Klaxon.Notifications.Sms.TwilioSmsSender>(); // its registration as a channel is exercised by the delivery tests
        var page = Page(new PagedIncident("acme", 42, "Database down", Urgency.High));
        var mark = prism.Mark();

        Assert.True(sender.IsConfigured);
        var result = await sender.SendAsync(page, CancellationToken.None);

        Assert.Equal(SendResult.Accepted(ExampleMessageSid), result);
        await prism.AssertValidSinceAsync(mark, 1);
        var request = Assert.Single(rig.Faults.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{prism.Prism.BaseUrl}/2010-04-01/Accounts/{ProviderMocks.TwilioAccountSid}/Messages.json", request.Uri.ToString());
        Assert.Equal($"{ProviderMocks.TwilioAccountSid}:{rig.AuthToken}", Encoding.UTF8.GetString(Convert.FromBase64String(request.BasicCredentials!)));
        Assert.Equal("+15550001111", request.Form["To"].ToString());
        Assert.Equal(ProviderMocks.TwilioFromNumber, request.Form["From"].ToString());
        Assert.Equal("#42 [HIGH] Database down - reply 42a to acknowledge, 42r to resolve", request.Form["Body"].ToString());
        Assert.Equal(TwilioRoutes.StatusCallback(ProviderMocks.PublicBaseUrl, "acme", 42, "job-7"), request.Form["StatusCallback"].ToString());
    }

    [Fact]
    public async Task A_summary_sends_the_summary_text_with_the_first_incident_in_the_callback()
    {
        await using var rig = new TwilioClientRig(prism.Prism);
        var incidents = new PagedIncident[] { new("acme", 44, "disk full", Urgency.Low), new("acme", 43, "db down", Urgency.High) };
        var mark = prism.Mark();

        var result = await rig.Get<TwilioSmsSender>().SendAsync(Page(incidents), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        await prism.AssertValidSinceAsync(mark, 1);
        var form = Assert.Single(rig.Faults.Requests).Form;
        Assert.Equal(SmsText.Summary(incidents), form["Body"].ToString());
        Assert.Equal(TwilioRoutes.StatusCallback(ProviderMocks.PublicBaseUrl, "acme", 44, "job-7"), form["StatusCallback"].ToString());
    }

    [Fact]
    public async Task Without_a_public_base_url_no_status_callback_is_asked_for()
    {
        await using var rig = new TwilioClientRig(prism.Prism, new Dictionary<string, string?> { ["Klaxon:PublicBaseUrl"] = "" });
        var mark = prism.Mark();

        var result = await rig.Get<TwilioSmsSender>().SendAsync(Page(new PagedIncident("acme", 1, "t", Urgency.Low)), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        await prism.AssertValidSinceAsync(mark, 1);
        Assert.False(Assert.Single(rig.Faults.Requests).Form.ContainsKey("StatusCallback"));
    }

    [Theory]
    [InlineData("Notifications:Twilio:AuthToken", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio)")]
    [InlineData("Notifications:Twilio:AccountSid", "")]
    [InlineData("Notifications:Twilio:FromNumber", " ")]
    public async Task Missing_twilio_settings_make_the_channel_unconfigured(string key, string value)
    {
        await using var rig = new TwilioClientRig(prism.Prism, new Dictionary<string, string?> { [key] = value });

        Assert.False(rig.Get<TwilioSmsSender>().IsConfigured);
    }

    [Fact]
    public async Task A_request_the_real_api_would_refuse_is_caught_by_prism()
    {
        // Proves the validity checks above can fail: a message without 'To' breaks Twilio's schema.
        await using var rig = new TwilioClientRig(prism.Prism);
        var client = TwilioHttp.CreateClient(rig.Get<IHttpClientFactory>(), rig.Get<TwilioApi>().Options);
        var mark = prism.Mark();

        await Assert.ThrowsAnyAsync<Exception>(() => MessageResource.CreateAsync(
            new CreateMessageOptions(null!) { From = new PhoneNumber(ProviderMocks.TwilioFromNumber), Body = "no recipient" }, client));

        var violations = await prism.ViolationsSinceAsync(mark);
        Assert.Contains(violations, violation => violation.Contains("To", StringComparison.Ordinal));
    }
}
