using Klaxon.Http;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>The push channel (Web Push with VAPID) and users' push subscriptions.</summary>
    public static IServiceCollection AddPushChannel(this IServiceCollection services)
    {
        services.AddSingleton<PushSubscriptionStore>();
        services.AddSingleton<PushEndpointPolicy>();
        services.AddSingleton<PushRegistrar>();
        services.AddHttpClient(WebPushSender.HttpClientName)
            // Endpoints come from browsers, i.e. from anyone: no redirects, and connections to public addresses only.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                ConnectCallback = OutboundAddresses.ConnectPublicOnly(provider.GetRequiredService<IOptions<NotificationsOptions>>().Value.WebPush.AllowLoopback),
            })
            // Outside the retry, so that every retry resends the same encrypted body (see BufferedContentHandler).
            .AddHttpMessageHandler(() => new BufferedContentHandler())
            .AddProviderResilience(WebPushSender.HttpClientName)
            // The default request logs print each endpoint URL, the browser's push capability; WebPushSender logs
            // outcomes by subscription id instead.
            .RemoveAllLoggers();
        services.AddSingleton<IChannelSender, WebPushSender>();
        return services;
    }
}
