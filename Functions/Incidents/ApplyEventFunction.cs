using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Incidents;

/// <summary>Queue-triggered: applies each accepted event to incident state. A failure leaves the message to be retried
/// and, after <c>maxDequeueCount</c> attempts, moved to <c>klaxon-events-poison</c> unchanged.</summary>
public sealed class ApplyEventFunction(IncidentApplier applier)
{
    [Function("ApplyEvent")]
    public async Task Run(
        [QueueTrigger(StorageNames.EventsQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken)
    {
        using var trace = MessageTrace.Resume(message);
        await applier.ApplyAsync(EventQueue.Deserialize(message), cancellationToken).ConfigureAwait(false);
    }
}
