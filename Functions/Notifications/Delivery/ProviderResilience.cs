using Klaxon.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Klaxon.Notifications.Delivery;

public static class ProviderResilience
{
    /// <summary>
    /// Retries a provider call on transient failures (5xx, 408, 429, network errors, attempt timeouts) with exponential
    /// backoff and jitter, honouring <c>Retry-After</c>, per <see cref="DeliveryOptions"/>: by default 3 retries from 1 s,
    /// each attempt limited to 10 s. When they are spent the call fails and the page goes back on the queue.
    /// A timed-out request may still have been accepted by the provider; retrying it can send that message twice, which
    /// for a page is the lesser harm than not sending it.
    /// </summary>
    public static IHttpClientBuilder AddProviderResilience(this IHttpClientBuilder builder, string name)
    {
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<NotificationsOptions>>().Value.Delivery;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromTicks(Math.Max(options.RetryBaseDelay.Ticks * 16, TimeSpan.FromMilliseconds(1).Ticks)),
                // The usual transient failures; not a connection Klaxon itself refused (a non-public address): that
                // answer will not change.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not HttpRequestException { InnerException: NonPublicAddressException }
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }
}
