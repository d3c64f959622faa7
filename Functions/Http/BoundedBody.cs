namespace Klaxon.Http;

/// <summary>Reads a request body without trusting its Content-Length: stops one byte past the limit.</summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length)), cancellationToken)
                .ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            }
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
    }
}
