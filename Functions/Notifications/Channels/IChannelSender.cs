using Klaxon.Accounts;

namespace Klaxon.Notifications.Channels;

/// <summary>
/// Sends one message on one channel through its provider (Twilio, SendGrid, a push service). A sender does not decide
/// whether to page, does not deduplicate and does not retry across queue rounds: <see cref="Delivery.PageDelivery"/>
/// does. It reports what the provider said.
/// </summary>
public interface IChannelSender
{
    NotificationChannel Channel { get; }

    /// <summary>False when the provider's settings are missing; the page then goes to the outbox.</summary>
    bool IsConfigured { get; }

    Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken);
}
