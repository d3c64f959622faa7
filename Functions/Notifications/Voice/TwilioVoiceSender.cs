using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Klaxon.Notifications.Voice;

/// <summary>
/// Pages by phone call through Twilio's Calls API with inline TwiML (<see cref="VoiceTwiml"/>). Needs
/// <c>Klaxon:PublicBaseUrl</c> as well as Twilio's settings: the digit the person presses is posted to an absolute
/// gather URL there. Asks for status callbacks on initiated, ringing, answered and completed.
/// </summary>
public sealed class TwilioVoiceSender(TwilioApi twilio, IOptions<KlaxonOptions> klaxon) : IChannelSender
{
    /// <summary>The call progress events Twilio reports to the status callback.</summary>
    public static readonly IReadOnlyList<string> CallEvents = ["initiated", "ringing", "answered", "completed"];

    public NotificationChannel Channel => NotificationChannel.Voice;

    public bool IsConfigured => twilio.Options.IsConfigured && SecretSettings.IsSet(klaxon.Value.PublicBaseUrl);

    public Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        if (klaxon.Value.PublicBaseUrl is not { } publicBaseUrl || !SecretSettings.IsSet(publicBaseUrl))
        {
            return Task.FromResult(SendResult.Permanent("voice pages need Klaxon:PublicBaseUrl for the keypad answer"));
        }
        var options = new CreateCallOptions(new PhoneNumber(page.Address), new PhoneNumber(twilio.Options.FromNumber))
        {
            Twiml = new Twiml(VoiceTwiml.ForPage(page, publicBaseUrl)),
            StatusCallback = new Uri(TwilioRoutes.StatusCallback(publicBaseUrl, page.AccountId, page.Incidents[0].Number, page.JobId)),
            StatusCallbackEvent = [.. CallEvents],
            StatusCallbackMethod = global::Twilio.Http.HttpMethod.Post,
        };
        return twilio.CreateAsync(page, async client => (await CallResource.CreateAsync(options, client).ConfigureAwait(false)).Sid, cancellationToken);
    }
}
