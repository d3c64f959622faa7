using Klaxon.Accounts;
using Klaxon.Common;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Delivery;

/// <summary>
/// Where each channel's pages go, for <c>/api/health</c>: the provider, or the outbox, and why. A Key Vault reference
/// that did not resolve reaches the app as its <c>@Microsoft.KeyVault(…)</c> text; the channel then quietly pages into
/// the outbox, which a deployment must be able to see. Names settings, never their values.
/// </summary>
public sealed class ChannelStatus(ChannelSelector channels, IOptions<NotificationsOptions> options)
{
    /// <summary>Per channel (wire name): <c>twilio</c>, <c>sendgrid</c>, <c>webpush</c>, <c>outbox</c>, or <c>outbox: …</c> naming unresolved references.</summary>
    public IReadOnlyDictionary<string, string> Describe() =>
        Enum.GetValues<NotificationChannel>().ToDictionary(channel => channel.ToWire(), channel =>
        {
            var provider = channels.For(channel).Provider;
            if (provider != OutboxChannel.ProviderId)
            {
                return provider;
            }
            var unresolved = SecretsOf(channel).Where(secret => SecretSettings.IsUnresolvedReference(secret.Value)).Select(secret => secret.Name).ToList();
            return unresolved.Count == 0 ? provider : $"{provider}: Key Vault reference not resolved ({string.Join(", ", unresolved)})";
        });

    private IEnumerable<(string Name, string? Value)> SecretsOf(NotificationChannel channel)
    {
        var settings = options.Value;
        return channel switch
        {
            NotificationChannel.Sms or NotificationChannel.Voice =>
                [("Notifications:Twilio:AccountSid", settings.Twilio.AccountSid), ("Notifications:Twilio:AuthToken", settings.Twilio.AuthToken)],
            NotificationChannel.Email => [("Notifications:SendGrid:ApiKey", settings.SendGrid.ApiKey)],
            _ => [("Notifications:WebPush:VapidPrivateKey", settings.WebPush.VapidPrivateKey)],
        };
    }
}
