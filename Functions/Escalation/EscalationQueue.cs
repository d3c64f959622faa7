using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Storage;
using Klaxon.Telemetry;

namespace Klaxon.Escalation;

/// <summary>
/// Puts <see cref="EscalationWork"/> on the escalations queue, where it is processed (and retried) like any other
/// message: the timer's sweep hands due items on here, the management API its escalate-now requests.
/// </summary>
public sealed class EscalationQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.EscalationsQueue);

    /// <param name="hiddenFor">
    /// How long the message stays invisible, so it arrives when its work is due (whole seconds, see
    /// <see cref="QueueVisibility.RoundUp"/>). Default none: visible at once.
    /// </param>
    public async Task SendAsync(EscalationWork work, CancellationToken cancellationToken, TimeSpan? hiddenFor = null)
    {
        var json = MessageTrace.Stamp(JsonSerializer.Serialize(work, KlaxonJson.Options));
        if (hiddenFor is { } delay)
        {
            await _queue.SendMessageAsync(json, QueueVisibility.RoundUp(delay), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        await _queue.SendMessageAsync(json, cancellationToken).ConfigureAwait(false);
    }
}
