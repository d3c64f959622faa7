using Azure.Storage.Queues;
using Klaxon.Storage;

namespace Klaxon.DevHost;

/// <summary>
/// Moves every message from <c>&lt;queue&gt;-poison</c> back to the queue, unchanged, so it is applied again (after the
/// cause of the failures is fixed). Safe to run more than once: applying an event is idempotent.
/// Run with <c>dotnet run --project DevHost -- replay-poison [queue]</c> against the storage in <c>AzureWebJobsStorage</c>.
/// </summary>
public static class PoisonReplay
{
    public static async Task<int> ReplayAsync(QueueServiceClient queues, string queueName, CancellationToken cancellationToken)
    {
        var source = queues.GetQueueClient(StorageNames.PoisonQueueFor(queueName));
        var target = queues.GetQueueClient(queueName);
        if (!await source.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        var moved = 0;
        while (true)
        {
            var batch = (await source.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                return moved;
            }
            foreach (var message in batch)
            {
                // Send first, then delete: a crash in between leaves a duplicate, which the apply path ignores.
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                await source.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }
    }
}
