using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.Common;

namespace Klaxon.Storage;

/// <summary>
/// Puts messages on the notifications queue: incident changes (from applied events), page jobs (from escalation) and
/// summaries and retries (from delivery). Each is written as its own type, with its <c>kind</c>; the notifications side
/// reads them back by that kind.
/// </summary>
public sealed class NotificationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.NotificationsQueue);

    public async Task SendAsync(IEnumerable<INotificationMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await _queue.SendMessageAsync(Serialize(message), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts one message on the queue hidden for <paramref name="delay"/> (whole seconds, rounded up: the queue counts
    /// visibility in seconds, and a message woken early would only be put back).
    /// </summary>
    public async Task SendLaterAsync(INotificationMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(Serialize(message), visibilityTimeout: QueueVisibility.RoundUp(delay), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The message as its own type (an interface would serialize only the interface's members).</summary>
    public static string Serialize(INotificationMessage message) => JsonSerializer.Serialize(message, message.GetType(), KlaxonJson.Options);
}
