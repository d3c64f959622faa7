using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Bench;

/// <summary>
/// Counts storage transactions: added to the storage clients' pipelines per retry, so every HTTP request sent to
/// Azurite (retries included; a table batch is one request) is counted once, under a key like
/// <c>DELETE klaxon-events/messages/{id}</c> or <c>GET KlaxonIncidents(key|…)</c>. Requests made while a notification
/// job is dispatched, and all <c>klaxon-notifications</c> traffic, are counted under <c>notify …</c>.
/// It can also hold a queue's receive requests (<see cref="Gate"/>) so the benchmark decides when a listener may run.
/// </summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    public const string NotifyPrefix = "notify ";

    /// <summary>True inside a notification dispatch (set by <see cref="TaggingDispatcher"/>; flows with the async call).</summary>
    public static readonly AsyncLocal<bool> InNotification = new();

    private readonly ConcurrentDictionary<string, Tally> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueGate> _gates = new(StringComparer.Ordinal);

    /// <summary>Called after each response with the request's key (the applied tracker watches commits).</summary>
    public Action<string, HttpMessage>? OnResponse { get; set; }

    /// <summary>The gate on receive requests (<c>GET {queue}/messages</c>) of one queue; open until closed.</summary>
    public QueueGate Gate(string queueName) => _gates.GetOrAdd(queueName, _ => new QueueGate());

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(pair => pair.Key, pair => pair.Value.Count, StringComparer.Ordinal);

    /// <summary>Total time requests spent in the pipeline below this policy (Azurite's answer time plus transport), in Stopwatch ticks.</summary>
    public IReadOnlyDictionary<string, long> ElapsedSnapshot() =>
        _counts.ToDictionary(pair => pair.Key, pair => pair.Value.Elapsed, StringComparer.Ordinal);

    public long Count(string key) => _counts.TryGetValue(key, out var tally) ? tally.Count : 0;

    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(pair => (pair.Key, Value: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Value != 0)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (resource, queue) = Describe(message.Request.Uri.ToUri());
        var method = message.Request.Method.Method;
        if (queue is not null && method == "GET" && resource == queue + "/messages" && _gates.TryGetValue(queue, out var gate))
        {
            await gate.PassAsync(message.CancellationToken).ConfigureAwait(false);
        }
        var start = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Record(message, method, resource, queue, Stopwatch.GetTimestamp() - start);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (resource, queue) = Describe(message.Request.Uri.ToUri());
        var start = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Record(message, message.Request.Method.Method, resource, queue, Stopwatch.GetTimestamp() - start);
    }

    private void Record(HttpMessage message, string method, string resource, string? queue, long elapsed)
    {
        var key = $"{method} {resource}";
        if (queue is not null && method == "GET" && resource == queue + "/messages" && message.HasResponse && IsEmptyReceive(message.Response))
        {
            key += " (empty)";
        }
        if (InNotification.Value || resource.StartsWith(Klaxon.Storage.StorageNames.NotificationsQueue, StringComparison.Ordinal))
        {
            key = NotifyPrefix + key;
        }
        _counts.GetOrAdd(key, _ => new Tally()).Add(elapsed);
        OnResponse?.Invoke(key, message);
    }

    /// <summary>
    /// The resource a request addresses, without ids: <c>klaxon-events/messages</c>, <c>klaxon-events/messages/{id}</c>,
    /// <c>KlaxonIncidents(key|…)</c> (point operation; a row-key prefix naming a kind of row kept), <c>KlaxonIncidents()</c> (query),
    /// <c>$batch</c>. The queue name is returned for queue requests.
    /// </summary>
    public static (string Resource, string? Queue) Describe(Uri uri)
    {
        // Path-style URLs: /{account}/{resource}[/messages[/{id}]]
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return ("(account)", null);
        }
        var first = Uri.UnescapeDataString(segments[1]);
        var open = first.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var name = first[..open];
            var keys = first[(open + 1)..].TrimEnd(')');
            if (keys.Length == 0)
            {
                return ($"{name}()", null);
            }
            // Keep a row-key prefix that names a kind of row (key|, inc|, evt|, esc|...), not one that is data (ticks, ids).
            var rowKey = keys.IndexOf("RowKey='", StringComparison.Ordinal) is var at and >= 0 ? keys[(at + 8)..] : "";
            var bar = rowKey.IndexOf('|', StringComparison.Ordinal);
            var kind = bar > 0 && rowKey[..bar].All(char.IsAsciiLetter) ? rowKey[..(bar + 1)] : "";
            return ($"{name}({kind}…)", null);
        }
        if (segments.Length == 2)
        {
            return (first, IsQueueName(first) ? first : null);
        }
        var resource = segments.Length == 3 ? $"{first}/{segments[2]}" : $"{first}/{segments[2]}/{{id}}";
        return (resource, segments[2] == "messages" ? first : null);
    }

    // Queue names are lower case; table names (and $batch, Tables) are not.
    private static bool IsQueueName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsEmptyReceive(Response response)
    {
        if (response.Status != 200 || response.ContentStream is not MemoryStream)
        {
            return false;
        }
        return response.Content.ToMemory().Span.IndexOf("<QueueMessage>"u8) < 0;
    }
}

internal sealed class Tally
{
    private long _count;
    private long _elapsed;

    public long Count => Interlocked.Read(ref _count);

    public long Elapsed => Interlocked.Read(ref _elapsed);

    public void Add(long elapsed)
    {
        Interlocked.Add(ref _elapsed, elapsed);
        Interlocked.Increment(ref _count);
    }
}

/// <summary>Holds a queue's receive requests while closed. The benchmark closes it to let events pile up, opens it to drain.</summary>
public sealed class QueueGate
{
    private TaskCompletionSource _open = Opened();
    private int _waiting;

    public void Close()
    {
        if (Volatile.Read(ref _open).Task.IsCompleted)
        {
            Volatile.Write(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    public void Open() => Volatile.Read(ref _open).TrySetResult();

    /// <summary>Waits until a receive request is held here, i.e. the listener has nothing in flight and cannot race a phase; false on timeout.</summary>
    public async Task<bool> WaitUntilHeldAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Volatile.Read(ref _waiting) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
        return true;
    }

    internal async ValueTask PassAsync(CancellationToken cancellationToken)
    {
        var open = Volatile.Read(ref _open).Task;
        if (open.IsCompleted)
        {
            return;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            await open.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private static TaskCompletionSource Opened()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
