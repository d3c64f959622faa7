using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.Storage;
using Klaxon.Telemetry;

namespace Klaxon.Incidents;

/// <summary>
/// Durably enqueues accepted events. When this returns, the event is in the queue (or, if too large for a queue message,
/// in the incidents table with a pointer in the queue); only then may the endpoint answer 202.
/// </summary>
public sealed class EventQueue(QueueServiceClient queues, TableServiceClient tables)
{
    /// <summary>
    /// Largest message body sent inline. Queue messages are capped at 64 KiB after base64 encoding, i.e. 48 KiB of
    /// UTF-8; larger events go through the table as a claim check.
    /// </summary>
    public const int MaxInlineBytes = 48 * 1024;

    private const string BodyProperty = "Body";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.EventsQueue);
    private readonly TableClient _incidents = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task SendAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        // Stamped before the size check: the trace context counts against the queue's limit too.
        var json = MessageTrace.Stamp(Serialize(envelope));
        if (Encoding.UTF8.GetByteCount(json) > MaxInlineBytes)
        {
            var payload = new TableEntity(envelope.AccountId, IncidentRows.PayloadRow(envelope.EventId)) { ["Kind"] = "event" };
            // UTF-8 chunks Body_0, Body_1...: a 512 KiB body as UTF-16 text would not fit the 1 MiB entity limit.
            ChunkedProperty.WriteBytes(payload, BodyProperty, Encoding.UTF8.GetBytes(json), ChunkNames.NumberedFromZero);
            await _incidents.AddEntityAsync(payload, cancellationToken).ConfigureAwait(false);
            // The pointer keeps what identifies and orders the event; the content lives in the payload row.
            json = MessageTrace.Stamp(Serialize(envelope with
            {
                IntegrationName = null,
                TeamId = null,
                Title = null,
                Description = null,
                Urgency = null,
                Tags = null,
                Details = null,
                PayloadRow = payload.RowKey,
            }));
        }
        await _queue.SendMessageAsync(json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a claim-checked envelope back; null when the row is gone (the event was applied and cleaned up).</summary>
    public async Task<EventEnvelope?> LoadPayloadAsync(EventEnvelope pointer, CancellationToken cancellationToken)
    {
        var row = await _incidents.GetEntityIfExistsAsync<TableEntity>(pointer.AccountId, pointer.PayloadRow!, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        var body = ChunkedProperty.ReadBytes(entity, BodyProperty, ChunkNames.NumberedFromZero) ?? [];
        return Deserialize(body) with { PayloadRow = pointer.PayloadRow };
    }

    public static string Serialize(EventEnvelope envelope) => JsonSerializer.Serialize(envelope, KlaxonJson.Options);

    public static EventEnvelope Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<EventEnvelope>(utf8, KlaxonJson.Options)
        ?? throw new InvalidDataException("The event message is empty.");

    // From the string itself: the serializer transcodes through a pooled buffer, where GetBytes would copy every message.
    public static EventEnvelope Deserialize(string json) =>
        JsonSerializer.Deserialize<EventEnvelope>(json, KlaxonJson.Options)
        ?? throw new InvalidDataException("The event message is empty.");
}
