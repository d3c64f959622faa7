using Klaxon.Notifications.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Twilio.Clients;
using Twilio.Http;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// The HttpClient under Twilio's library. Its handlers, outermost first: <see cref="TwilioCallHandler"/> (the caller's
/// cancellation and the final HTTP status), <see cref="TwilioBaseUrlHandler"/> (api.twilio.com to
/// <see cref="TwilioOptions.ApiBaseUrl"/>), the provider retry (<see cref="ProviderResilience"/>), then
/// <see cref="TwilioAttemptHandler"/> counting tries. Handlers added later with
/// <c>services.AddHttpClient(TwilioHttp.ClientName).AddHttpMessageHandler(...)</c> sit inside the retry, so every
/// retry passes through them (tests inject faults that way).
/// </summary>
public static class TwilioHttp
{
    public const string ClientName = "twilio";

    public static IHttpClientBuilder AddTwilioHttpClient(this IServiceCollection services)
    {
        services.TryAddTransient<TwilioCallHandler>();
        services.TryAddTransient<TwilioBaseUrlHandler>();
        services.TryAddTransient<TwilioAttemptHandler>();
        return services.AddHttpClient(ClientName)
            .AddHttpMessageHandler<TwilioCallHandler>()
            .AddHttpMessageHandler<TwilioBaseUrlHandler>()
            .AddProviderResilience(ClientName)
            .AddHttpMessageHandler<TwilioAttemptHandler>();
    }

    /// <summary>
    /// A Twilio client on a fresh HttpClient from the factory. Never <c>TwilioClient.Init</c>: that is process-wide
    /// state, and it would bypass the handlers above.
    /// </summary>
    public static ITwilioRestClient CreateClient(IHttpClientFactory httpClients, TwilioOptions options) =>
        new TwilioRestClient(
            options.AccountSid ?? throw new InvalidOperationException("Notifications:Twilio:AccountSid is not set."),
            options.AuthToken ?? throw new InvalidOperationException("Notifications:Twilio:AuthToken is not set."),
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(ClientName)));
}
