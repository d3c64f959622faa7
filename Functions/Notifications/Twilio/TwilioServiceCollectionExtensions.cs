using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Voice;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Klaxon.Notifications.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>The sms and voice channels: Twilio's library on a resilient HttpClient (<see cref="TwilioHttp"/>).</summary>
    public static IServiceCollection AddTwilioChannels(this IServiceCollection services)
    {
        services.AddTwilioHttpClient();
        services.TryAddSingleton<TwilioApi>();
        services.TryAddSingleton<TwilioSmsSender>();
        services.TryAddSingleton<TwilioVoiceSender>();
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<TwilioSmsSender>());
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<TwilioVoiceSender>());
        return services;
    }
}
