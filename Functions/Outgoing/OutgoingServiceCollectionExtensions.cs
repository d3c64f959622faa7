using Klaxon.Accounts;
using Klaxon.Http;
using Klaxon.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

public static class OutgoingServiceCollectionExtensions
{
    /// <summary>Outgoing webhooks and chat posts: the publisher incidents and escalation call, the queue, fan-out, delivery and log.</summary>
    public static IServiceCollection AddKlaxonOutgoing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutgoingOptions>().Bind(configuration.GetSection(OutgoingOptions.Section));
        services.AddSingleton<OutgoingQueue>();
        services.AddSingleton<OutgoingEventPublisher>();
        services.AddSingleton<IIncidentEventPublisher>(provider => provider.GetRequiredService<OutgoingEventPublisher>());
        services.AddSingleton<OutgoingUrlPolicy>();
        services.AddSingleton<IAccountConfigCheck>(provider => provider.GetRequiredService<OutgoingUrlPolicy>());
        services.AddSingleton<OutgoingFanOut>();
        services.AddSingleton<OutgoingSender>();
        services.AddSingleton<DeliveryAttemptLog>();
        services.AddSingleton<OutgoingDeliverer>();
        services.AddHttpClient(OutgoingSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // URLs come from account documents: no redirects, and connections to public addresses only.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = OutboundAddresses.ConnectPublicOnly(provider.GetRequiredService<IOptions<OutgoingOptions>>().Value.AllowLoopback),
            })
            // The default request logs print each URL, and a chat webhook's URL is its credential; the delivery log and
            // OutgoingDeliverer record outcomes by receiver id instead.
            .RemoveAllLoggers();
        return services;
    }
}
