using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Telemetry;

namespace Klaxon.Storage;

/// <summary>
/// Puts messages on the notifications queue: incident changes (from applied events), page jobs (from escalation) and
/// summaries and retries (from delivery). Each is written as its own type, with its <c>kind</c>; the notifications side
/// reads them back by that kind.
/// </summary>
/// <param name="immediate">Runs messages inline for <see cref="PublishAsync"/>; none: every message is queued.</param>
public sealed class NotificationQueue(QueueServiceClient queues, IImmediateNotifications? immediate = null)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.NotificationsQueue);

    /// <summary>
    /// Hands each message to <see cref="IImmediateNotifications"/> to run now, in this invocation, and queues only those
    /// it did not handle. An opened incident then starts its escalation, and the first pages reach the provider, in the
    /// invocation that committed it: each queue hop saved is up to <c>maxPollingInterval</c> of waiting on an idle queue
    /// and three storage requests (send, receive, delete). Safe because every handler is idempotent per job id, as it
    /// must be for queue redeliveries: a handler that fails halfway leaves its message queued, and the queued run
    /// repeats nothing already done. Call it where the messages would be queued: the applier after its commit, the
    /// escalation runner before the commit that records its pages as sent (a retry re-sends the same job ids).
    /// </summary>
    public async Task PublishAsync(IEnumerable<INotificationMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (immediate is not null && await immediate.TryDispatchAsync(message, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            await _queue.SendMessageAsync(MessageTrace.Stamp(Serialize(message)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SendAsync(IEnumerable<INotificationMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await _queue.SendMessageAsync(MessageTrace.Stamp(Serialize(message)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts one message on the queue hidden for <paramref name="delay"/> (whole seconds, rounded up: the queue counts
    /// visibility in seconds, and a message woken early would only be put back).
    /// </summary>
    public async Task SendLaterAsync(INotificationMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(MessageTrace.Stamp(Serialize(message)), visibilityTimeout: QueueVisibility.RoundUp(delay), cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    /// <summary>The message as its own type (an interface would serialize only the interface's members).</summary>
    public static string Serialize(INotificationMessage message) => JsonSerializer.Serialize(message, message.GetType(), KlaxonJson.Options);
}
