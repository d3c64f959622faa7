using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Klaxon.DevHost;
using Klaxon.Storage;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Klaxon.Bench.Latency;

/// <summary>
/// <c>bench -- latency</c>: the time from a webhook's <c>202</c> to the first provider call that pages for it. DevHost
/// (its queue listeners with host.json's polling, the demo account, whose first step pages alice by SMS) sends SMS to a
/// loopback Twilio stand-in (<see cref="ProviderStub"/>) that timestamps each call. Steady open-loop load at each rate,
/// then single events after an idle time.
/// </summary>
public static class LatencyBenchmark
{
    /// <summary>Goal for p99 under steady load at 50 events/s and for every single event after idle.</summary>
    public const double GoalMs = 1000;

    /// <summary>How long to wait for the last pages of a phase before counting them missing.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    public static async Task<LatencyReport> RunAsync(LatencyOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string step) => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {step}  (load {LoadAverage()})"));
        var runId = Guid.NewGuid().ToString("N")[..8];
        var modes = options.Dispatch is { } only ? [only] : new[] { "queued", "inline" };
        Progress($"Klaxon latency benchmark ({string.Join(" and ", modes)}): starting Azurite, the provider stub and DevHost for each...");
        var stacks = new List<Stack>();
        try
        {
            foreach (var mode in modes)
            {
                stacks.Add(await Stack.StartAsync(mode, $"lat-{runId}-{mode[0]}").ConfigureAwait(false));
            }
            Progress("Warming up (20 events at 10/s each)...");
            foreach (var stack in stacks)
            {
                await stack.Sender.SteadyAsync("warm", 10, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            // Same run, same machine: the modes take turns at each rate (rotating who goes first), and the single events
            // after idle go to every mode at the same moment.
            var phases = new List<LatencyPhase>();
            var turn = 0;
            foreach (var rate in options.Rates)
            {
                foreach (var stack in stacks.Skip(turn % stacks.Count).Concat(stacks.Take(turn % stacks.Count)))
                {
                    Progress($"{stack.Mode}: steady {rate} events/s for {options.Duration.TotalSeconds:0} s...");
                    var loadBefore = LoadAverage();
                    var samples = await stack.Sender.SteadyAsync($"r{rate}", rate, options.Duration).ConfigureAwait(false);
                    phases.Add(Phase(stack, $"steady {rate}/s", rate, samples, loadBefore, rate >= 50 ? GoalMs : null));
                    await DrainAsync(stack, Progress).ConfigureAwait(false);
                }
                turn++;
            }
            var singles = stacks.ToDictionary(stack => stack, _ => new List<Sent>());
            var singlesLoad = LoadAverage();
            for (var i = 0; i < options.Singles; i++)
            {
                foreach (var stack in stacks)
                {
                    await DrainAsync(stack, Progress).ConfigureAwait(false);
                }
                Progress($"Idle {options.Idle.TotalSeconds:0} s, then single event {i + 1} of {options.Singles} to each...");
                await Task.Delay(options.Idle).ConfigureAwait(false);
                var sent = await Task.WhenAll(stacks.Select(stack => stack.Sender.SteadyAsync($"s{i}", 1, TimeSpan.FromSeconds(1)))).ConfigureAwait(false);
                for (var s = 0; s < stacks.Count; s++)
                {
                    singles[stacks[s]].AddRange(sent[s]);
                }
            }
            if (options.Singles > 0)
            {
                phases.AddRange(stacks.Select(stack =>
                    Phase(stack, $"single after {options.Idle.TotalSeconds:0} s idle", 0, singles[stack], singlesLoad, GoalMs, useMax: true)));
            }
            Progress("Done.");
            return new LatencyReport(DateTimeOffset.UtcNow, Environment.ProcessorCount,
                HostJsonSettings.Load(Path.Combine(Azurite.RepositoryRoot(), "host.json")).MaxPollingInterval.ToString(), phases);
        }
        finally
        {
            foreach (var stack in stacks)
            {
                await stack.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>How long a backlog may take to page out before the next phase starts anyway (the report says so).</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(10);

    private static async Task DrainAsync(Stack stack, Action<string> progress)
    {
        if (!await stack.Sender.WaitDrainedAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            progress($"{stack.Mode}: waiting for the backlog to page out before going on...");
            if (!await stack.Sender.WaitDrainedAsync(DrainLimit).ConfigureAwait(false))
            {
                progress($"{stack.Mode}: WARNING the backlog did not page out within {DrainLimit.TotalMinutes:0} minutes; the next phase overlaps it.");
            }
        }
    }

    private static LatencyPhase Phase(Stack stack, string name, int rate, IReadOnlyList<Sent> samples, string loadBefore, double? goalMs, bool useMax = false)
    {
        var mode = stack.Mode;
        var accepted = samples.Where(s => s.Accepted is not null).ToList();
        var paged = accepted.Where(s => s.Paged is not null).ToList();
        var latency = Stats.Summarize(paged.Select(s => Stats.Milliseconds(s.Accepted!.Value, s.Paged!.Value)));
        var accept = Stats.Summarize(accepted.Select(s => Stats.Milliseconds(s.SentAt, s.Accepted!.Value)));
        var judged = useMax ? latency.MaxMs : latency.P99Ms;
        bool? met = goalMs is { } goal ? paged.Count == accepted.Count && paged.Count > 0 && judged <= goal : null;
        var hops = paged.Select(s => stack.Hops.For(s.Token)).OfType<double[]>().ToList();
        var hopsMs = SpanHops.Names.Select((hop, i) => (hop, Stats.Summarize(hops.Select(h => h[i])))).ToDictionary(pair => pair.hop, pair => pair.Item2);
        return new LatencyPhase(mode, name, rate, samples.Count, samples.Count - accepted.Count, accepted.Count - paged.Count, accept, latency,
            goalMs, useMax ? "max" : "p99", met, $"{loadBefore} -> {LoadAverage()}", hopsMs);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to judge how busy the shared machine was.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>One webhook: when it was sent, when its 202 came back, when its page reached the stub (timestamps).</summary>
    public sealed record Sent(string Token, long SentAt, long? Accepted, long? Paged);

    /// <summary>One Klaxon under test: its own Azurite, provider stub and DevHost, with <c>Klaxon:DispatchInline</c> per mode.</summary>
    private sealed class Stack : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private HttpClient? _http;

        private Stack(string mode) => Mode = mode;

        public string Mode { get; }

        public Sender Sender { get; private set; } = null!;

        /// <summary>The steps of each page, from the spans this stack's tracer provider hears.</summary>
        public SpanHops Hops { get; } = new();

        public static async Task<Stack> StartAsync(string mode, string prefix)
        {
            var stack = new Stack(mode);
            try
            {
                var azurite = await Azurite.StartAsync().ConfigureAwait(false);
                stack._owned.Add(azurite);
                var stub = await ProviderStub.StartAsync().ConfigureAwait(false);
                stack._owned.Add(stub);
                // KLAXON_BENCH_CONSOLE=1 shows DevHost's log, to find out why pages do not arrive.
                var devOptions = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = Environment.GetEnvironmentVariable("KLAXON_BENCH_CONSOLE") == "1" };
                devOptions.Settings[StorageClientFactory.SettingName] = azurite.ConnectionString;
                // The sweep would hand on later steps during the idle waits; escalation lateness has its own benchmark.
                devOptions.Settings[Klaxon.Escalation.EscalationTimerFunction.ScheduleSetting] = "0 0 0 1 1 *";
                // Every event pages the same user: per-phone throttling would hold most pages for a summary.
                devOptions.Settings["Notifications:Delivery:SmsPerWindow"] = "1000000";
                devOptions.Settings["Notifications:Delivery:CallsPerWindow"] = "1000000";
                devOptions.Settings["Notifications:Twilio:AccountSid"] = ProviderMocks.TwilioAccountSid;
                devOptions.Settings["Notifications:Twilio:AuthToken"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                devOptions.Settings["Notifications:Twilio:FromNumber"] = ProviderMocks.TwilioFromNumber;
                devOptions.Settings["Notifications:Twilio:ApiBaseUrl"] = stub.BaseUrl;
                devOptions.Settings["Klaxon:DispatchInline"] = mode == "inline" ? "true" : "false";
                devOptions.ConfigureServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(stack.Hops));
                // Its own account: whoever the demo rotation has on call this week may have no SMS rule.
                devOptions.ConfigPaths.Add(await BenchAccount.WriteAsync().ConfigureAwait(false));
                var devHost = await DevHostApp.StartAsync(devOptions).ConfigureAwait(false);
                stack._owned.Insert(0, devHost);
                Uri[] webhooks = [.. devHost.IntegrationUrls.Select(integration => integration.Url)];
                if (webhooks.Length == 0)
                {
                    throw new InvalidOperationException("DevHost loaded no integration.");
                }
                stack._http = LoadDriver.CreateHttpClient(256);
                stack.Sender = new Sender(stack._http, webhooks, stub, prefix);
                return stack;
            }
            catch
            {
                await stack.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            foreach (var owned in _owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Sender(HttpClient http, IReadOnlyList<Uri> webhooks, ProviderStub stub, string prefix)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _accepted = [];

        /// <summary>
        /// Waits until every event accepted so far has paged (or <paramref name="timeout"/>), so a backlog left by one
        /// phase does not land in the next; false if some never did.
        /// </summary>
        public async Task<bool> WaitDrainedAsync(TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (_accepted.Any(token => !stub.TryGetFirstCall(token, out _)))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }
                await Task.Delay(200).ConfigureAwait(false);
            }
            return true;
        }

        /// <summary>Open loop: event i is sent at start + i / rate whatever the earlier ones are doing; then waits for the pages.</summary>
        public async Task<IReadOnlyList<Sent>> SteadyAsync(string phase, int rate, TimeSpan duration)
        {
            var count = Math.Max(1, (int)(rate * duration.TotalSeconds));
            var start = Stopwatch.GetTimestamp();
            var sends = new List<Task<(string Token, long Sent, long? Accepted)>>(count);
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                var wait = Stats.Milliseconds(Stopwatch.GetTimestamp(), due);
                if (wait > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait)).ConfigureAwait(false);
                }
                sends.Add(PostAsync($"{prefix}-{phase}-{i}"));
            }
            var posted = await Task.WhenAll(sends).ConfigureAwait(false);
            var deadline = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
            while (posted.Any(p => p.Accepted is not null && !stub.TryGetFirstCall(p.Token, out _)) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
            return [.. posted.Select(p => new Sent(p.Token, p.Sent, p.Accepted, stub.TryGetFirstCall(p.Token, out var at) ? at : null))];
        }

        private int _posts;

        private async Task<(string Token, long Sent, long? Accepted)> PostAsync(string token)
        {
            // Round robin over the bench account's integrations, one team and phone each.
            var webhook = webhooks[(int)((uint)Interlocked.Increment(ref _posts) % (uint)webhooks.Count)];
            await Task.Yield();
            var sent = Stopwatch.GetTimestamp();
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["event_type"] = "create", ["Id"] = token, ["Title"] = token });
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(webhook, content).ConfigureAwait(false);
                var accepted = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return (token, sent, null);
                }
                _accepted.Add(token);
                return (token, sent, accepted);
            }
            catch (HttpRequestException)
            {
                return (token, sent, null);
            }
        }
    }
}

/// <param name="Judged">Which figure is held to the goal: p99 under load, max for the few single events.</param>
/// <param name="Load">Load averages (1, 5, 15 min) before and after the phase.</param>
/// <param name="HopsMs">Per hop (<see cref="SpanHops.Names"/>), from Klaxon's spans, over the pages whose every span was seen.</param>
public sealed record LatencyPhase(
    string Dispatch, string Name, int Rate, int Sent, int NotAccepted, int NotPaged, LatencySummary AcceptMs, LatencySummary AcceptedToPagedMs,
    double? GoalMs, string Judged, bool? Met, string Load, IReadOnlyDictionary<string, LatencySummary> HopsMs);

public sealed record LatencyReport(DateTimeOffset FinishedAt, int Processors, string MaxPollingInterval, IReadOnlyList<LatencyPhase> Phases)
{
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"202 -> first provider call ({Processors} cores, maxPollingInterval {MaxPollingInterval}):"));
        output.WriteLine("| dispatch | phase | sent | not accepted | not paged | 202 p50/p99 ms | 202->page p50 | p99 | max | goal | load before -> after |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var p in Phases)
        {
            var goal = p.GoalMs is { } g ? $"{p.Judged} <= {g:0} ms: {(p.Met == true ? "PASS" : "MISS")}" : "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Dispatch} | {p.Name} | {p.Sent} | {p.NotAccepted} | {p.NotPaged} | {p.AcceptMs.P50Ms:0}/{p.AcceptMs.P99Ms:0} | {p.AcceptedToPagedMs.P50Ms:0} | {p.AcceptedToPagedMs.P99Ms:0} | {p.AcceptedToPagedMs.MaxMs:0} | {goal} | {p.Load} |"));
        }
        output.WriteLine();
        output.WriteLine("Where the time goes, from Klaxon's spans (p50/p99 ms; a queue hop counts in the step before it):");
        output.WriteLine($"| dispatch | phase | traced | {string.Join(" | ", SpanHops.Names)} |");
        output.WriteLine($"| --- | --- | ---: | {string.Join(" | ", SpanHops.Names.Select(_ => "---:"))} |");
        foreach (var p in Phases)
        {
            var traced = p.HopsMs.Values.FirstOrDefault()?.Count ?? 0;
            var hops = string.Join(" | ", SpanHops.Names.Select(hop => string.Create(CultureInfo.InvariantCulture, $"{p.HopsMs[hop].P50Ms:0}/{p.HopsMs[hop].P99Ms:0}")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {p.Dispatch} | {p.Name} | {traced} | {hops} |"));
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
    }
}
