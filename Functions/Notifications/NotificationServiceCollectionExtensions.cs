using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Contacts;
using Klaxon.Notifications.Delivery;
using Klaxon.Notifications.Email;
using Klaxon.Notifications.Push;
using Klaxon.Notifications.Throttling;
using Klaxon.Notifications.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// The notification channels (sms, voice, email, push), their inbound webhooks and delivery bookkeeping. Every channel
    /// is registered; one whose provider settings are missing reports <c>IsConfigured = false</c> and its pages go to
    /// the outbox.
    /// </summary>
    public static IServiceCollection AddKlaxonNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section))
            // A short key makes every action link guessable offline: refuse to start rather than sign with it.
            .Validate(options => options.EmailLinks.IsStrongEnough, EmailLinksOptions.SigningKeyRule)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActionLinks>();
        services.AddSingleton<ContactRows>();
        services.AddSingleton<ContactLog>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<PageTimeline>();
        services.AddSingleton<OutboxChannel>();
        services.AddSingleton<ChannelSelector>();
        services.AddSingleton<ChannelStatus>();
        services.AddSingleton<ContactThrottle>();
        services.AddSingleton<PageOutcomes>();
        services.AddSingleton<HeldPageFlusher>();
        services.AddSingleton<IPageSender, PageDelivery>();
        services.AddTwilioChannels();
        services.AddTwilioInbound();
        services.AddEmailChannel();
        services.AddPushChannel();
        return services;
    }
}
