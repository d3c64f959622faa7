using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Klaxon.Bench;

/// <summary>Runs <c>count</c> operations with <c>concurrency</c> workers in flight and records each one's start and end.</summary>
public static class LoadDriver
{
    /// <summary>One operation: <paramref name="Key"/> identifies the event downstream (request id or alert Id).</summary>
    public sealed record Sample(int Index, string? Key, long Start, long End, bool Ok);

    /// <param name="window">
    /// Closed loop: each operation first takes a slot, which the consumer gives back when the event is done (a failed
    /// operation gives its slot back at once), so at most the window's size of events is in the pipeline. If no slot
    /// frees within <paramref name="windowTimeout"/> the pipeline is stuck: <paramref name="warn"/> is told and the
    /// rest is sent open loop, so the run ends and reports.
    /// </param>
    public static async Task<Sample[]> RunAsync(int count, int concurrency, Func<int, Task<(bool Ok, string? Key)>> operation,
        SemaphoreSlim? window = null, TimeSpan? windowTimeout = null, Action<string>? warn = null)
    {
        var samples = new Sample[count];
        var next = -1;
        var abandoned = 0;
        async Task Worker()
        {
            // Start every worker off the caller's thread so none waits for another's synchronous part.
            await Task.Yield();
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                if (window is not null && Volatile.Read(ref abandoned) == 0
                    && !await window.WaitAsync(windowTimeout ?? Timeout.InfiniteTimeSpan).ConfigureAwait(false)
                    && Interlocked.Exchange(ref abandoned, 1) == 0)
                {
                    warn?.Invoke($"No event finished within {windowTimeout?.TotalSeconds:0} s: the window was abandoned after {i} sends and the rest sent open loop.");
                }
                var start = Stopwatch.GetTimestamp();
                (bool Ok, string? Key) result;
                try
                {
                    result = await operation(i).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is HttpRequestException or Azure.RequestFailedException or TaskCanceledException)
                {
                    result = (false, null);
                }
                samples[i] = new Sample(i, result.Key, start, Stopwatch.GetTimestamp(), result.Ok);
                if (!result.Ok)
                {
                    window?.Release();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Worker())).ConfigureAwait(false);
        return samples;
    }

    /// <summary>An HTTP client for the webhook senders: one connection per sender, no proxy.</summary>
    public static HttpClient CreateHttpClient(int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>A PagerTree-style create: <c>{"event_type":"create","Id":...,"Title":...,"Description":...}</c>.</summary>
    public static byte[] CreateBody(string alertId, int index) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["event_type"] = "create",
        ["Id"] = alertId,
        ["Title"] = $"Bench alert {index}: disk almost full on db{index % 16}",
        ["Description"] = "Synthetic load from Klaxon.Bench: /var is 97% full.",
    }));

    /// <summary>Posts one webhook body; returns the 202's <c>request_id</c> when <paramref name="requestIdFromResponse"/>.</summary>
    public static async Task<(bool Ok, string? Key)> PostAsync(HttpClient client, Uri url, byte[] body, string? key, bool requestIdFromResponse)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(url, content).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return (false, key);
        }
        if (!requestIdFromResponse)
        {
            return (true, key);
        }
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("request_id", out var id) ? (true, id.GetString()) : (false, null);
    }
}
