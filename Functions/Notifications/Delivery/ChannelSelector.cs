using Klaxon.Accounts;
using Klaxon.Notifications.Channels;

namespace Klaxon.Notifications.Delivery;

/// <summary>Picks the configured sender of a channel, or the outbox when its provider has no settings.</summary>
public sealed class ChannelSelector(IEnumerable<IChannelSender> senders, OutboxChannel outbox)
{
    private readonly IReadOnlyList<IChannelSender> _senders = [.. senders];

    /// <summary>The sender and the provider's name for the timeline (<c>twilio</c>, <c>sendgrid</c>, <c>webpush</c>, <c>outbox</c>).</summary>
    public (Func<OutgoingPage, CancellationToken, Task<SendResult>> Send, string Provider) For(NotificationChannel channel)
    {
        var sender = _senders.FirstOrDefault(candidate => candidate.Channel == channel && candidate.IsConfigured);
        return sender is null
            ? (outbox.SendAsync, OutboxChannel.ProviderId)
            : (sender.SendAsync, channel switch
            {
                NotificationChannel.Sms or NotificationChannel.Voice => "twilio",
                NotificationChannel.Email => "sendgrid",
                _ => "webpush",
            });
    }
}
