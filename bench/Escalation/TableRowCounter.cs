using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Bench.Escalation;

/// <summary>
/// Counts table requests and the rows they return (a point read is one row, a query as many as its page holds), so
/// the benchmark reports what a sweep really reads rather than what the code is supposed to read.
/// </summary>
public sealed class TableRowCounter : HttpPipelinePolicy
{
    private long _requests;
    private long _rows;

    public (long Requests, long Rows) Snapshot() => (Interlocked.Read(ref _requests), Interlocked.Read(ref _rows));

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Count(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Response.Content is not { } content)
        {
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            var rows = document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                ? value.GetArrayLength()
                : document.RootElement.TryGetProperty("PartitionKey", out _) ? 1 : 0;
            Interlocked.Add(ref _rows, rows);
        }
        catch (JsonException)
        {
        }
    }
}
