using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Voice;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications.Twilio;

public static class TwilioInboundServiceCollectionExtensions
{
    /// <summary>What Twilio's webhooks (inbound SMS, gathered digits, status callbacks) need.</summary>
    public static IServiceCollection AddTwilioInbound(this IServiceCollection services)
    {
        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<SmsReplyHandler>();
        services.AddSingleton<VoiceGatherHandler>();
        return services;
    }
}
