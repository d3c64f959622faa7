using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Outgoing;

/// <summary>Queue-triggered: hands each message of the outgoing queue to the fan-out (announcements) or the deliverer (deliveries).</summary>
public sealed class OutgoingFunction(OutgoingFanOut fanOut, OutgoingDeliverer deliverer)
{
    [Function("DeliverOutgoing")]
    public async Task Run(
        [QueueTrigger(StorageNames.OutgoingQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken)
    {
        using var trace = MessageTrace.Resume(message);
        await (OutgoingQueue.Read(message) switch
        {
            OutgoingAnnouncement announcement => fanOut.AnnounceAsync(announcement, cancellationToken),
            OutgoingDelivery delivery => deliverer.DeliverAsync(delivery, cancellationToken),
            _ => throw new InvalidDataException("Unknown outgoing message."),
        }).ConfigureAwait(false);
    }
}
