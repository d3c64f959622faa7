using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;
using Microsoft.Extensions.Options;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// Pages by SMS through Twilio's Messages API: <see cref="SmsText.Page"/> or, for pages held back by throttling,
/// <see cref="SmsText.Summary"/>. Status callbacks (queued, sent, delivered, failed) are requested when
/// <c>Klaxon:PublicBaseUrl</c> is set, addressed to the first incident and the job.
/// </summary>
public sealed class TwilioSmsSender(TwilioApi twilio, IOptions<KlaxonOptions> klaxon) : IChannelSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public bool IsConfigured => twilio.Options.IsConfigured;

    public Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        var options = new CreateMessageOptions(new PhoneNumber(page.Address))
        {
            From = new PhoneNumber(twilio.Options.FromNumber),
            Body = page.IsSummary ? SmsText.Summary(page.Incidents) : SmsText.Page(page.Incidents[0]),
        };
        if (klaxon.Value.PublicBaseUrl is { } publicBaseUrl && SecretSettings.IsSet(publicBaseUrl))
        {
            options.StatusCallback = new Uri(TwilioRoutes.StatusCallback(publicBaseUrl, page.AccountId, page.Incidents[0].Number, page.JobId));
        }
        return twilio.CreateAsync(page, async client => (await MessageResource.CreateAsync(options, client).ConfigureAwait(false)).Sid, cancellationToken);
    }
}
