using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.Accounts;
using Klaxon.DevHost;
using Klaxon.Escalation;
using Klaxon.Hosting;
using Klaxon.Notifications;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Bench.Escalation;

/// <summary>
/// <c>bench -- escalation</c>. Two parts:
/// <list type="number">
/// <item>Scale: N open incidents of which M are due. One sweep by the real <see cref="DueSweeper"/>, then the real
/// <see cref="EscalationRunner"/> on each item it handed on. Reports sweep time, table rows read and rows read per due
/// item (target ≤ 2): the cost must follow M, not N.</item>
/// <item>Lateness: DevHost with its timer and queues; K incidents fall due over the next seconds; each page's
/// lateness is the time its sender got it minus when it was due. Target: at most the timer interval + 1 s.</item>
/// </list>
/// </summary>
public static class EscalationBenchmark
{
    public static async Task<EscalationReport> RunAsync(EscalationOptions options, TextWriter log)
    {
        var scale = new List<ScaleResult>();
        foreach (var open in options.Open)
        {
            log.WriteLine($"scale: {open} open incidents, {options.Due} due ...");
            scale.Add(await ScaleAsync(open, options.Due));
        }
        log.WriteLine($"lateness: {options.LatenessCount} pages due over {options.LatenessSpread.TotalSeconds:0} s, timer '{options.Schedule}' ...");
        var lateness = await LatenessAsync(options);
        return new EscalationReport(scale, lateness);
    }

    private static async Task<ScaleResult> ScaleAsync(int open, int dueCount)
    {
        await using var azurite = await Azurite.StartAsync();
        var rows = new TableRowCounter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(StorageClientFactory.SettingName, azurite.ConnectionString)]).Build();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(rows, Azure.Core.HttpPipelinePosition.PerRetry);
        var services = new ServiceCollection()
            .AddLogging()
            .AddKlaxon(configuration)
            .AddSingleton(StorageClientFactory.CreateTableServiceClient(configuration, tableOptions))
            .BuildServiceProvider();
        await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(CancellationToken.None);

        const string accountId = "bench";
        var account = EscalationSeeder.Account(accountId);
        await services.GetRequiredService<AccountStore>().SaveAsync(account, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        // M items came due in the last minute; the others are spread over the next 6 hours.
        var dueTimes = Enumerable.Range(0, open)
            .Select(i => i < dueCount ? now.AddSeconds(-60 + (60.0 * i / dueCount)) : now.AddSeconds(60 + (6 * 3600.0 * (i - dueCount) / Math.Max(1, open - dueCount))))
            .ToList();
        var seeding = Stopwatch.StartNew();
        await EscalationSeeder.SeedAsync(services.GetRequiredService<TableServiceClient>(), account, dueTimes, CancellationToken.None);
        seeding.Stop();
        await services.GetRequiredService<AccountStore>().GetCachedAsync(accountId, CancellationToken.None); // warm the config snapshot

        var before = rows.Snapshot();
        var sweep = Stopwatch.StartNew();
        await services.GetRequiredService<IEscalationSweeper>().SweepAsync(false, CancellationToken.None);
        sweep.Stop();
        var afterSweep = rows.Snapshot();

        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.EscalationsQueue);
        var runner = services.GetRequiredService<EscalationRunner>();
        var work = new List<EscalationWork>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                work.Add(JsonSerializer.Deserialize<EscalationWork>(message.Body.ToString(), Klaxon.Common.KlaxonJson.Options)!);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        var processing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, ct) =>
            await runner.AdvanceAsync(item.AccountId, item.IncidentNumber, ct));
        processing.Stop();
        var afterProcessing = rows.Snapshot();
        var pages = (await services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.NotificationsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

        return new ScaleResult(
            open, dueCount, work.Count, pages, seeding.Elapsed.TotalSeconds, sweep.Elapsed.TotalMilliseconds,
            afterSweep.Rows - before.Rows, afterSweep.Requests - before.Requests,
            processing.Elapsed.TotalMilliseconds, afterProcessing.Rows - afterSweep.Rows, afterProcessing.Requests - afterSweep.Requests);
    }

    private static async Task<LatenessResult> LatenessAsync(EscalationOptions options)
    {
        var recorder = new PageRecorder();
        var devOptions = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        devOptions.Settings["EscalationSchedule"] = options.Schedule;
        devOptions.ConfigureServices = services => services.AddSingleton<IPageSender>(recorder);
        await using var host = await DevHostApp.StartAsync(devOptions);

        const string accountId = "late";
        var account = EscalationSeeder.Account(accountId);
        await host.Services.GetRequiredService<AccountStore>().SaveAsync(account, CancellationToken.None);
        // Indexed well before they are due, as notification steps and layer boundaries are (minutes ahead): the first
        // page is due after one sweep interval plus the sweep's look-ahead.
        var start = DateTimeOffset.UtcNow + DueSweeper.LookAhead + TimeSpan.FromSeconds(5);
        var dueTimes = Enumerable.Range(0, options.LatenessCount)
            .Select(i => start + (options.LatenessSpread * i / options.LatenessCount))
            .ToList();
        await EscalationSeeder.SeedAsync(host.Services.GetRequiredService<TableServiceClient>(), account, dueTimes, CancellationToken.None);

        var deadline = DateTime.UtcNow + options.LatenessSpread + TimeSpan.FromSeconds(90);
        while (recorder.Count < options.LatenessCount && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        var interval = TimerTriggerListener.Parse(options.Schedule);
        var first = interval.GetNextOccurrence(DateTime.UtcNow);
        var intervalSeconds = (interval.GetNextOccurrence(first) - first).TotalSeconds;
        var late = Stats.Summarize(recorder.Lateness.Select(l => l.TotalMilliseconds));
        return new LatenessResult(options.Schedule, intervalSeconds, options.LatenessCount, recorder.Count, late, (intervalSeconds + 1) * 1000);
    }

    /// <summary>Stands in for the channels: notes when each page reached its sender.</summary>
    private sealed class PageRecorder : IPageSender
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> _seen = new(StringComparer.Ordinal);

        public int Count => _seen.Count;

        public IEnumerable<TimeSpan> Lateness => _seen.Values;

        public Task SendAsync(PageJob page, CancellationToken cancellationToken)
        {
            _seen.TryAdd(page.JobId, DateTimeOffset.UtcNow - page.At);
            return Task.CompletedTask;
        }
    }
}

public sealed record ScaleResult(
    int Open, int Due, int HandedOn, int PagesPublished, double SeedSeconds,
    double SweepMs, long SweepRowsRead, long SweepRequests,
    double ProcessMs, long ProcessRowsRead, long ProcessRequests)
{
    public double RowsReadPerDueItem => HandedOn == 0 ? 0 : (SweepRowsRead + ProcessRowsRead) / (double)HandedOn;

    public double RequestsPerDueItem => HandedOn == 0 ? 0 : (SweepRequests + ProcessRequests) / (double)HandedOn;
}

public sealed record LatenessResult(string Schedule, double IntervalSeconds, int Expected, int Received, LatencySummary LatenessMs, double BoundMs);

public sealed record EscalationReport(IReadOnlyList<ScaleResult> Scale, LatenessResult Lateness);
