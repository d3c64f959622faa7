namespace Klaxon.Notifications.Push;

/// <summary>
/// Turns a request's content into bytes once, before the resilience handler, so every retry sends the same body.
/// Lib.Net.Http.WebPush's aes128gcm content reads its plaintext stream as it serializes: serialized a second time it
/// encrypts an empty payload, so without this a retried page would reach the browser blank. Buffered, the body also
/// goes with a Content-Length instead of chunked.
/// </summary>
public sealed class BufferedContentHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content and not ByteArrayContent)
        {
            var buffered = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            foreach (var header in content.Headers.NonValidated)
            {
                // The new content states its own length.
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
                }
            }
            request.Content = buffered;
            content.Dispose();
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
