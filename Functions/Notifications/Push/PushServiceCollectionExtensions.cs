using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>The push channel (Web Push with VAPID) and users' push subscriptions.</summary>
    public static IServiceCollection AddPushChannel(this IServiceCollection services) => services;
}
