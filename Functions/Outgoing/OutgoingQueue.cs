using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Storage;
using Klaxon.Telemetry;

namespace Klaxon.Outgoing;

/// <summary>
/// The outgoing queue (<see cref="StorageNames.OutgoingQueue"/>): announcements of incident events and deliveries to
/// receivers. Separate from the paging queues, so a slow or failing receiver never delays a page.
/// </summary>
public sealed class OutgoingQueue(QueueServiceClient queues)
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.OutgoingQueue);

    public Task SendAsync(OutgoingAnnouncement message, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(JsonSerializer.Serialize(message, KlaxonJson.Options), delay, cancellationToken);

    public Task SendAsync(OutgoingDelivery message, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(JsonSerializer.Serialize(message, KlaxonJson.Options), delay, cancellationToken);

    private async Task SendAsync(string json, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(MessageTrace.Stamp(json), visibilityTimeout: delay > TimeSpan.Zero ? QueueVisibility.RoundUp(delay) : null, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Reads a message as the type its <c>kind</c> names.</summary>
    /// <exception cref="InvalidDataException">No known kind, or empty.</exception>
    public static object Read(string json)
    {
        var kindText = JsonNode.Parse(json)?["kind"]?.GetValue<string>();
        if (!WireNames.TryParse<OutgoingMessageKind>(kindText, out var kind))
        {
            throw new InvalidDataException($"Unknown outgoing message kind '{kindText}'.");
        }
        object? message = kind == OutgoingMessageKind.Announce
            ? JsonSerializer.Deserialize<OutgoingAnnouncement>(json, KlaxonJson.Options)
            : JsonSerializer.Deserialize<OutgoingDelivery>(json, KlaxonJson.Options);
        return message ?? throw new InvalidDataException("Empty outgoing message.");
    }
}
