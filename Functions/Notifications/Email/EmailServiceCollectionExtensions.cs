using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The email channel (SendGrid), its action links and its event webhook.</summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddHttpClient(SendGridEmailSender.HttpClientName).AddProviderResilience(SendGridEmailSender.HttpClientName);
        services.AddSingleton<IChannelSender, SendGridEmailSender>();
        services.AddSingleton<SendGridWebhookVerifier>();
        services.AddSingleton<ActionLinkService>();
        return services;
    }
}
