using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.DevHost;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;

namespace Klaxon.Bench;

/// <summary>
/// The <c>ingest</c> benchmark. One Azurite serves the baselines (<see cref="BaselineRig"/>) and Klaxon in DevHost
/// (<see cref="KlaxonRig"/>); after a warm-up each is measured in three shapes, in chunks that alternate between them:
/// accept (N events, C in flight, consumer held), apply (rounds of queued events drained by the consumer) and end to end
/// (closed loop, everything running).
/// </summary>
public static class IngestBenchmark
{
    /// <summary>The accept measurements are split into this many interleaved chunks per subject.</summary>
    private const int AcceptChunks = 4;

    /// <summary>The end-to-end measurements are split into this many interleaved chunks per subject.</summary>
    private const int EndToEndChunks = 2;

    public static async Task<IngestReport> RunAsync(IngestOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string step) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {step}"));
        var (n, window) = (options.Count, options.Window);
        Progress($"Klaxon ingest benchmark: N={n} C={options.Concurrency} warm-up={options.Warmup} window={window}; starting Azurite...");
        var startedAt = DateTimeOffset.UtcNow;
        await using var azurite = await Azurite.StartAsync().ConfigureAwait(false);
        using var http = LoadDriver.CreateHttpClient(options.Concurrency);
        var context = new BenchContext(options, azurite.ConnectionString, HostJsonSettings.Load(Path.Combine(Azurite.RepositoryRoot(), "host.json")),
            http, new ResourceMonitor(), Guid.NewGuid().ToString("N")[..8], Progress);

        Progress("Starting the bare endpoint and DevHost...");
        await using var baseline = await BaselineRig.StartAsync(context).ConfigureAwait(false);
        await using var klaxon = await KlaxonRig.StartAsync(context, options.Dispatch == "inline").ConfigureAwait(false);
        if (options.Warmup > 0)
        {
            Progress($"Warming up ({options.Warmup} events each)...");
            await baseline.WarmUpAsync(options.Warmup).ConfigureAwait(false);
            await klaxon.WarmUpAsync(options.Warmup).ConfigureAwait(false);
        }

        // Each shape is measured in chunks that alternate between the subjects (rotating who goes first), so a busy
        // moment on the machine or Azurite warming up does not land on one subject only.
        Progress($"Accept: {n} events per subject in {AcceptChunks} interleaved chunks (raw SDK enqueue, bare endpoint, Klaxon)...");
        var (rawEnqueue, bareAccept, klaxonAccept) = (new List<AcceptRun>(), new List<AcceptRun>(), new List<AcceptRun>());
        var chunk = 0;
        foreach (var size in Split(n, AcceptChunks))
        {
            var steps = new List<Func<Task>>
            {
                async () => rawEnqueue.Add(await baseline.EnqueueAsync($"enq{chunk}", size).ConfigureAwait(false)),
                async () => bareAccept.Add(await baseline.AcceptAsync($"bare{chunk}", size).ConfigureAwait(false)),
                async () => klaxonAccept.Add(await klaxon.AcceptAsync($"klx{chunk}", size).ConfigureAwait(false)),
            };
            foreach (var step in Rotate(steps, chunk))
            {
                await step().ConfigureAwait(false);
            }
            chunk++;
        }

        var roundSize = Math.Min(window, n);
        Progress($"Apply: {n} events per subject in rounds of {roundSize} queued events, alternating raw loop and Klaxon...");
        var (rawApply, klaxonApply) = (new List<ApplyRun>(), new List<ApplyRun>());
        var round = 0;
        foreach (var size in Rounds(n, window))
        {
            var steps = new List<Func<Task>>
            {
                async () => rawApply.Add(await baseline.ApplyRoundAsync($"raw{round}", size).ConfigureAwait(false)),
                async () => klaxonApply.Add(await klaxon.ApplyRoundAsync($"apply{round}", size).ConfigureAwait(false)),
            };
            foreach (var step in Rotate(steps, round))
            {
                await step().ConfigureAwait(false);
            }
            round++;
        }

        Progress($"End to end: {n} events per subject, at most {window} in the pipeline, in {EndToEndChunks} interleaved chunks...");
        var (bareEndToEnd, klaxonEndToEnd) = (new List<EndToEndRun>(), new List<EndToEndRun>());
        chunk = 0;
        foreach (var size in Split(n, EndToEndChunks))
        {
            var steps = new List<Func<Task>>
            {
                async () => bareEndToEnd.Add(await baseline.EndToEndAsync($"bare2e{chunk}", size).ConfigureAwait(false)),
                async () => klaxonEndToEnd.Add(await klaxon.EndToEndAsync($"klx2e{chunk}", size).ConfigureAwait(false)),
            };
            foreach (var step in Rotate(steps, chunk))
            {
                await step().ConfigureAwait(false);
            }
            chunk++;
        }
        await klaxon.CheckAsync().ConfigureAwait(false);
        Progress("Done.");

        var accept = new[]
        {
            Runs.Accept("raw SDK enqueue loop", rawEnqueue),
            Runs.Accept("bare Kestrel endpoint + enqueue", bareAccept),
            Runs.Accept("Klaxon webhook (DevHost)", klaxonAccept),
        };
        var apply = new[]
        {
            Runs.Apply("raw dequeue + 1 table write + delete", rawApply, roundSize),
            Runs.Apply("Klaxon ApplyEvent (DevHost)", klaxonApply, roundSize),
        };
        var endToEnd = new[]
        {
            Runs.EndToEnd("bare endpoint + raw loop", window, bareEndToEnd),
            Runs.EndToEnd("Klaxon (DevHost)", window, klaxonEndToEnd),
        };
        var transactions = klaxon.Transactions(endToEnd[1].TransactionsPerEvent);
        var ratios = new List<RatioFigure>
        {
            Target("accept/s: Klaxon / bare endpoint", accept[2].PerSecond / accept[1].PerSecond, ">=", 0.85),
            Target("applied/s: Klaxon apply rounds / raw loop rounds", apply[1].PerSecond / apply[0].PerSecond, ">=", 0.70),
            Target("storage transactions per create before notifications", transactions.BeforeNotificationsPerCreate, "<=", 4.0),
            Info("accept/s: Klaxon / raw SDK enqueue loop", accept[2].PerSecond / accept[0].PerSecond),
            Info("accept/s: bare endpoint / raw SDK enqueue loop", accept[1].PerSecond / accept[0].PerSecond),
            Info("accept p99: Klaxon / bare endpoint", accept[2].Latency.P99Ms / accept[1].Latency.P99Ms),
            Info("end-to-end applied/s: Klaxon / bare endpoint + raw loop", endToEnd[1].AppliedPerSecond / endToEnd[0].AppliedPerSecond),
        };
        var resources = new List<PhaseResources>
        {
            Runs.Resources("accept: raw SDK enqueue loop", rawEnqueue.Select(r => r.Use), n),
            Runs.Resources("accept: bare endpoint", bareAccept.Select(r => r.Use), n),
            Runs.Resources("accept: Klaxon", klaxonAccept.Select(r => r.Use), n),
            Runs.Resources("apply: raw loop (release to last write)", rawApply.Select(r => r.Use), n),
            Runs.Resources("apply: Klaxon (release to last commit)", klaxonApply.Select(r => r.Use), n),
            Runs.Resources("end to end: bare endpoint + raw loop", bareEndToEnd.Select(r => r.Use), n),
            Runs.Resources("end to end: Klaxon, notifications running", klaxonEndToEnd.Select(r => r.Use), n),
        };
        // Per applied event, Klaxon's apply rounds against the raw loop's (the process runs the server and the driver).
        var (rawApplyUse, klaxonApplyUse) = (resources[3], resources[4]);
        if (rawApplyUse.BenchCpuMsPerEvent is > 0 && klaxonApplyUse.BenchCpuMsPerEvent is { } klaxonCpu)
        {
            ratios.Add(Target("worker CPU per applied event: Klaxon / raw loop", klaxonCpu / rawApplyUse.BenchCpuMsPerEvent.Value, "<=", 2.0));
        }
        if (rawApplyUse.AllocatedKbPerEvent > 0)
        {
            ratios.Add(Target("allocated per applied event: Klaxon / raw loop", klaxonApplyUse.AllocatedKbPerEvent / rawApplyUse.AllocatedKbPerEvent, "<=", 2.0));
        }
        ratios.Add(Target("storage requests per page (escalation start + one SMS page)", transactions.NotificationsPerCreate, "<=", 6.0));
        var host = context.Host;
        return new IngestReport(
            new RunEnvironment(startedAt, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
                Environment.ProcessorCount, GCSettings.IsServerGC, AzuriteVersion()),
            new IngestParameters(n, options.Concurrency, options.Warmup, window, host.BatchSize, host.NewBatchThreshold, host.MaxPollingInterval.ToString(), options.Dispatch),
            accept, apply, endToEnd, transactions, ratios, resources, context.Warnings);
    }

    /// <summary>Splits <paramref name="count"/> into at most <paramref name="parts"/> nearly equal, non-empty parts.</summary>
    internal static IEnumerable<int> Split(int count, int parts)
    {
        parts = Math.Clamp(parts, 1, count);
        for (var i = 0; i < parts; i++)
        {
            yield return count / parts + (i < count % parts ? 1 : 0);
        }
    }

    private static IEnumerable<T> Rotate<T>(IReadOnlyList<T> items, int by) => items.Skip(by % items.Count).Concat(items.Take(by % items.Count));

    /// <summary>Posts <paramref name="count"/> creates with unique Ids. Klaxon's events are keyed by the answered request_id, the bare endpoint's by Id.</summary>
    /// <param name="urls">Event i goes to <c>urls[i % urls.Count]</c> (Klaxon: one integration per team of the bench account).</param>
    internal static Task<LoadDriver.Sample[]> SendAsync(BenchContext context, IReadOnlyList<Uri> urls, string phase, int count, bool klaxon, SemaphoreSlim? window = null)
    {
        var prefix = $"{context.RunId}-{phase}";
        var bodies = Enumerable.Range(0, count).Select(i => LoadDriver.CreateBody($"{prefix}-{i}", i)).ToArray();
        return LoadDriver.RunAsync(count, context.Options.Concurrency,
            i => LoadDriver.PostAsync(context.Http, urls[i % urls.Count], bodies[i], klaxon ? null : $"{prefix}-{i}", klaxon), window, context.Timeout,
            warning => context.Warn($"{phase}: {warning}"));
    }

    /// <summary>The same create bodies, enqueued straight with the SDK.</summary>
    internal static Task<LoadDriver.Sample[]> EnqueueAsync(BenchContext context, QueueClient queue, string phase, int count)
    {
        var prefix = $"{context.RunId}-{phase}";
        var bodies = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetString(LoadDriver.CreateBody($"{prefix}-{i}", i))).ToArray();
        return LoadDriver.RunAsync(count, context.Options.Concurrency, async i =>
        {
            var response = await queue.SendMessageAsync(bodies[i]).ConfigureAwait(false);
            return (response.GetRawResponse().Status == 201, $"{prefix}-{i}");
        });
    }

    internal static List<string> Keys(LoadDriver.Sample[] samples) => [.. samples.Where(s => s.Ok && s.Key is not null).Select(s => s.Key!)];

    /// <summary>Splits <paramref name="count"/> events into rounds of at most <paramref name="size"/>.</summary>
    internal static IEnumerable<int> Rounds(int count, int size)
    {
        for (var left = count; left > 0; left -= size)
        {
            yield return Math.Min(size, left);
        }
    }

    internal static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
        return true;
    }

    internal static long Total(IReadOnlyDictionary<string, long> counts) => counts.Values.Sum();

    private static RatioFigure Target(string name, double value, string comparison, double target) =>
        new(name, value, comparison, target, comparison == ">=" ? value >= target : value <= target);

    private static RatioFigure Info(string name, double value) => new(name, value, null, null, null);

    private static string AzuriteVersion()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "node_modules", "azurite", "package.json")));
            return "azurite " + document.RootElement.GetProperty("version").GetString();
        }
        catch (Exception failure) when (failure is IOException or JsonException or KeyNotFoundException)
        {
            return "azurite (version unknown)";
        }
    }
}

/// <summary>What every phase needs: options, storage, the senders' HTTP client, the resource monitor, progress output.</summary>
internal sealed record BenchContext(
    IngestOptions Options, string ConnectionString, HostJsonSettings Host, HttpClient Http, ResourceMonitor Monitor, string RunId, Action<string> Progress)
{
    private readonly List<string> _warnings = [];

    public List<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    public void Warn(string warning)
    {
        lock (_warnings)
        {
            _warnings.Add(warning);
        }
    }

    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60 + Options.Count * 0.05);

    public IConfiguration Configuration { get; } =
        new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageClientFactory.SettingName, ConnectionString)])
            .Build();
}
