using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.Storage;

namespace Klaxon.Bench;

/// <summary>
/// The baselines, on the same Azurite and with the same SDK clients (built by Klaxon's <see cref="StorageClientFactory"/>):
/// a raw SDK enqueue loop; a bare Kestrel endpoint that enqueues the raw body; a raw apply loop (receive like the host,
/// one table upsert, delete). They use their own queue (<c>bench-baseline</c>) and table, which no Klaxon listener reads.
/// </summary>
internal sealed class BaselineRig : IAsyncDisposable
{
    private const string QueueName = "bench-baseline";
    private const string TableName = "BenchBaseline";
    private readonly BenchContext _context;
    private readonly RequestCounter _counter = new();
    private readonly QueueClient _queue;
    private readonly TableClient _table;
    private BareEndpoint? _bare;

    private BaselineRig(BenchContext context)
    {
        _context = context;
        _queue = StorageClientFactory.CreateQueueServiceClient(context.Configuration, Instrumentation.QueueOptions(_counter)).GetQueueClient(QueueName);
        _table = StorageClientFactory.CreateTableServiceClient(context.Configuration, Instrumentation.TableOptions(_counter)).GetTableClient(TableName);
    }

    private BareEndpoint Bare => _bare ?? throw new InvalidOperationException("Not started.");

    public static async Task<BaselineRig> StartAsync(BenchContext context)
    {
        var rig = new BaselineRig(context);
        await rig._queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        await rig._table.CreateIfNotExistsAsync().ConfigureAwait(false);
        rig._bare = await BareEndpoint.StartAsync(rig._queue).ConfigureAwait(false);
        return rig;
    }

    public async Task WarmUpAsync(int count)
    {
        await IngestBenchmark.EnqueueAsync(_context, _queue, "wenq", count).ConfigureAwait(false);
        await IngestBenchmark.SendAsync(_context, [Bare.Url], "wbare", count, klaxon: false).ConfigureAwait(false);
        await new RawApplyLoop(_queue, _table, _context.Host).RunAsync(2 * count, _context.Timeout).ConfigureAwait(false);
        await _queue.ClearMessagesAsync().ConfigureAwait(false);
    }

    /// <summary>Raw SDK enqueue loop: <paramref name="count"/> sends, C in flight.</summary>
    public Task<AcceptRun> EnqueueAsync(string phase, int count) =>
        MeasureAcceptAsync(() => IngestBenchmark.EnqueueAsync(_context, _queue, phase, count));

    /// <summary>Bare endpoint: <paramref name="count"/> webhook posts, C in flight.</summary>
    public Task<AcceptRun> AcceptAsync(string phase, int count) =>
        MeasureAcceptAsync(() => IngestBenchmark.SendAsync(_context, [Bare.Url], phase, count, klaxon: false));

    /// <summary>Queues <paramref name="count"/> events (not timed), then times the raw loop applying them.</summary>
    public async Task<ApplyRun> ApplyRoundAsync(string phase, int count)
    {
        await IngestBenchmark.EnqueueAsync(_context, _queue, phase, count).ConfigureAwait(false);
        var before = _counter.Snapshot();
        var mark = _context.Monitor.Start();
        var loop = new RawApplyLoop(_queue, _table, _context.Host);
        var start = Stopwatch.GetTimestamp();
        var finished = await loop.RunAsync(count, _context.Timeout).ConfigureAwait(false);
        var use = mark.Stop();
        if (!finished)
        {
            _context.Warn($"The raw apply loop timed out in {phase}.");
        }
        var ticks = loop.Applied.Count == 0 ? 0 : loop.Applied.Values.Max() - start;
        return new ApplyRun(count, loop.Applied.Count, ticks, Requests(before), use);
    }

    /// <summary>Bare endpoint and raw loop together, at most <c>window</c> events between sent and applied.</summary>
    public async Task<EndToEndRun> EndToEndAsync(string phase, int count)
    {
        var before = _counter.Snapshot();
        var mark = _context.Monitor.Start();
        using var slots = new SemaphoreSlim(_context.Options.Window);
        var consumer = new RawApplyLoop(_queue, _table, _context.Host, _ => slots.Release());
        var consuming = consumer.RunAsync(count, _context.Timeout);
        var samples = await IngestBenchmark.SendAsync(_context, [Bare.Url], phase, count, klaxon: false, slots).ConfigureAwait(false);
        if (!await consuming.ConfigureAwait(false))
        {
            _context.Warn($"The raw apply loop timed out in {phase}.");
        }
        var use = mark.Stop();
        await _queue.ClearMessagesAsync().ConfigureAwait(false);
        return new EndToEndRun(samples, consumer.Applied, Requests(before), use);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bare is not null)
        {
            await _bare.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<AcceptRun> MeasureAcceptAsync(Func<Task<LoadDriver.Sample[]>> send)
    {
        var before = _counter.Snapshot();
        var mark = _context.Monitor.Start();
        var samples = await send().ConfigureAwait(false);
        var use = mark.Stop();
        var requests = Requests(before);
        await _queue.ClearMessagesAsync().ConfigureAwait(false);
        return new AcceptRun(samples, requests, use);
    }

    private long Requests(IReadOnlyDictionary<string, long> before) => IngestBenchmark.Total(RequestCounter.Difference(_counter.Snapshot(), before));
}
