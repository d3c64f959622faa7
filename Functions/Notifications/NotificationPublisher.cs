using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Notifications;

/// <summary>Puts notification jobs on the notifications queue.</summary>
public sealed class NotificationPublisher(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.NotificationsQueue);

    public async Task PublishAsync(IEnumerable<NotificationJob> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            await _queue.SendMessageAsync(JsonSerializer.Serialize(job, KlaxonJson.Options), cancellationToken).ConfigureAwait(false);
        }
    }
}
