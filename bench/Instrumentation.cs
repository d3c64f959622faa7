using Azure.Core.Pipeline;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Notifications;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Bench;

/// <summary>What the benchmark adds to DevHost's services: counted storage clients, the applied tracker, a tagged dispatcher.</summary>
public static class Instrumentation
{
    public static void Configure(IServiceCollection services, RequestCounter counter, AppliedTracker tracker, TaggingDispatcher.Counter dispatched)
    {
        // Same factory and options Klaxon uses, plus the counting policy.
        services.Replace(ServiceDescriptor.Singleton(provider =>
            StorageClientFactory.CreateTableServiceClient(provider.GetRequiredService<IConfiguration>(), TableOptions(counter))));
        services.Replace(ServiceDescriptor.Singleton(provider =>
            StorageClientFactory.CreateQueueServiceClient(provider.GetRequiredService<IConfiguration>(), QueueOptions(counter))));
        services.AddSingleton<ILoggerProvider>(tracker);

        // Wrap whatever dispatcher Klaxon registered (it changes as escalation and channels grow).
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(INotificationDispatcher) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Klaxon registered no INotificationDispatcher.");
        Func<IServiceProvider, INotificationDispatcher> inner = registered switch
        {
            { ImplementationInstance: INotificationDispatcher instance } => _ => instance,
            { ImplementationFactory: { } factory } => provider => (INotificationDispatcher)factory(provider),
            { ImplementationType: { } type } => provider => (INotificationDispatcher)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("Cannot wrap the registered INotificationDispatcher."),
        };
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(INotificationDispatcher),
            provider => new TaggingDispatcher(inner(provider), dispatched), registered.Lifetime));
    }

    public static TableClientOptions TableOptions(HttpPipelinePolicy counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }

    public static QueueClientOptions QueueOptions(HttpPipelinePolicy counter)
    {
        var options = new QueueClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }
}

/// <summary>
/// Wraps Klaxon's dispatcher: marks the storage requests it makes as notification work (see
/// <see cref="RequestCounter.InNotification"/>) and counts jobs, so the benchmark can wait until the notification side
/// is idle.
/// </summary>
public sealed class TaggingDispatcher(INotificationDispatcher inner, TaggingDispatcher.Counter counter) : INotificationDispatcher
{
    public async Task DispatchAsync(INotificationMessage job, CancellationToken cancellationToken)
    {
        RequestCounter.InNotification.Value = true;
        counter.Started();
        var succeeded = false;
        try
        {
            await inner.DispatchAsync(job, cancellationToken).ConfigureAwait(false);
            succeeded = true;
        }
        finally
        {
            counter.Finished(job, succeeded);
        }
    }

    public sealed class Counter
    {
        private long _triggered;
        private long _running;

        /// <summary>Successful dispatches of <c>triggered</c> jobs (one per new incident; more after a redelivery).</summary>
        public long Triggered => Interlocked.Read(ref _triggered);

        public long Running => Interlocked.Read(ref _running);

        /// <summary>Called with the request id after each successful <c>triggered</c> dispatch (the end-to-end window).</summary>
        public Action<string>? TriggeredDispatched { get; set; }

        internal void Started() => Interlocked.Increment(ref _running);

        internal void Finished(INotificationMessage job, bool succeeded)
        {
            if (succeeded && job.Kind == NotificationKind.Triggered)
            {
                Interlocked.Increment(ref _triggered);
                TriggeredDispatched?.Invoke(job.RequestId);
            }
            Interlocked.Decrement(ref _running);
        }
    }
}
