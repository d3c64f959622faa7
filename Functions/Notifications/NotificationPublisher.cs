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

    /// <summary>
    /// Puts one job on the queue hidden for <paramref name="delay"/> (whole seconds, rounded up: the queue counts
    /// visibility in seconds, and a job woken early would only be put back).
    /// </summary>
    public async Task PublishLaterAsync(NotificationJob job, TimeSpan delay, CancellationToken cancellationToken)
    {
        var hidden = QueueVisibility.RoundUp(delay);
        await _queue.SendMessageAsync(JsonSerializer.Serialize(job, KlaxonJson.Options), visibilityTimeout: hidden, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }
}
