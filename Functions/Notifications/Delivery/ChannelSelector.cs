using System.Diagnostics;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Telemetry;

namespace Klaxon.Notifications.Delivery;

/// <summary>Picks the configured sender of a channel, or the outbox when its provider has no settings.</summary>
public sealed class ChannelSelector(IEnumerable<IChannelSender> senders, OutboxChannel outbox)
{
    private readonly IReadOnlyList<IChannelSender> _senders = [.. senders];

    /// <summary>
    /// The sender and the provider's name for the timeline (<c>twilio</c>, <c>sendgrid</c>, <c>webpush</c>, <c>outbox</c>).
    /// Each send is one <c>provider {channel}</c> span (the outbox's too, so DevHost shows the same chain).
    /// </summary>
    public (Func<OutgoingPage, CancellationToken, Task<SendResult>> Send, string Provider) For(NotificationChannel channel)
    {
        var sender = _senders.FirstOrDefault(candidate => candidate.Channel == channel && candidate.IsConfigured);
        var (send, provider) = sender is null
            ? (outbox.SendAsync, OutboxChannel.ProviderId)
            : ((Func<OutgoingPage, CancellationToken, Task<SendResult>>)sender.SendAsync, channel switch
            {
                NotificationChannel.Sms or NotificationChannel.Voice => "twilio",
                NotificationChannel.Email => "sendgrid",
                _ => "webpush",
            });
        return ((page, cancellationToken) => TracedAsync(send, provider, page, cancellationToken), provider);
    }

    /// <summary>Attributes: channel, provider and outcome; never the address, the message or the provider's detail text.</summary>
    private static async Task<SendResult> TracedAsync(
        Func<OutgoingPage, CancellationToken, Task<SendResult>> send, string provider, OutgoingPage page, CancellationToken cancellationToken)
    {
        using var span = KlaxonTelemetry.StartStep(KlaxonTelemetry.Provider(page.Channel.ToWire()), ActivityKind.Client)
            ?.SetTag(KlaxonTelemetry.AccountAttribute, page.AccountId)
            .SetTag(KlaxonTelemetry.ChannelAttribute, page.Channel.ToWire())
            .SetTag(KlaxonTelemetry.ProviderAttribute, provider);
        try
        {
            var result = await send(page, cancellationToken).ConfigureAwait(false);
            span?.SetTag(KlaxonTelemetry.OutcomeAttribute, result.Outcome.ToString().ToLowerInvariant());
            if (result.Outcome != SendOutcome.Accepted)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }
            return result;
        }
        catch (Exception failure)
        {
            KlaxonTelemetry.Fail(span, failure);
            throw;
        }
    }
}
