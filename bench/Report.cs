using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaxon.Bench;

/// <summary>Prints an <see cref="IngestReport"/> as tables and writes it as JSON.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A file for people and scripts, not HTML: keep '+' and '→' readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteJsonAsync(IngestReport report, string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, JsonOptions).ConfigureAwait(false);
    }

    public static void Print(IngestReport report, TextWriter output)
    {
        var env = report.Environment;
        var p = report.Parameters;
        output.WriteLine();
        output.WriteLine($"Klaxon ingest benchmark — N={p.Count} per phase, C={p.Concurrency}, warm-up {p.Warmup}; " +
            $"{env.Processors} cores, {env.Runtime}, {(env.ServerGc ? "server" : "workstation")} GC, {env.Azurite} (in memory)");
        output.WriteLine($"Queue listeners as host.json: batchSize {p.BatchSize}, newBatchThreshold {p.NewBatchThreshold}, maxPollingInterval {p.MaxPollingInterval}; window {p.Window}; dispatch {p.Dispatch}");
        output.WriteLine();
        output.WriteLine("Accept (N events, C in flight)              events/s   p50 ms   p99 ms  errors  storage req/event");
        foreach (var a in report.Accept)
        {
            output.WriteLine($"  {a.Name,-40} {F(a.PerSecond),9} {F(a.Latency.P50Ms),8} {F(a.Latency.P99Ms),8} {a.Errors,7} {F2(a.TransactionsPerEvent),18}");
        }
        output.WriteLine();
        output.WriteLine("Apply (N events queued in rounds of K)      events/s  missing  storage req/event (before notifications)");
        foreach (var a in report.Apply)
        {
            output.WriteLine($"  {a.Name,-40} {F(a.PerSecond),9} {a.Missing,8} {F2(a.TransactionsPerEvent),18}");
        }
        output.WriteLine();
        output.WriteLine("End to end (N events, ≤ K in pipeline)  accepted/s  accept p50/p99 ms  applied/s  accept→applied p50/p99 ms  missing");
        foreach (var e in report.EndToEnd)
        {
            output.WriteLine($"  {e.Name,-36} {F(e.AcceptedPerSecond),10} {F(e.AcceptLatency.P50Ms),8} /{F(e.AcceptLatency.P99Ms),7} {F(e.AppliedPerSecond),10} " +
                $"{F(e.AcceptToApplied.P50Ms),13} /{F(e.AcceptToApplied.P99Ms),9} {e.Missing,8}");
        }
        output.WriteLine();
        var t = report.Transactions;
        output.WriteLine($"Klaxon storage transactions per create (apply rounds: {t.Creates} creates accepted, applied and notified)        mean = request's answer time");
        foreach (var line in t.Lines)
        {
            output.WriteLine($"  {line.Side,-14} {line.Request,-52} {line.Count,7} {F2(line.PerCreate),7}  mean {F(line.MeanMs),7} ms");
        }
        output.WriteLine($"  accept {F2(t.AcceptPerCreate)} + apply {F2(t.ApplyPerCreate)} = {F2(t.BeforeNotificationsPerCreate)} before notifications" +
            $" (end to end: {F2(t.EndToEndBeforeNotificationsPerCreate)}); notifications {F2(t.NotificationsPerCreate)} more");
        output.WriteLine();
        output.WriteLine("Ratios and targets");
        foreach (var r in report.Ratios)
        {
            var verdict = r.Met is { } met ? $"target {r.Comparison} {F2(r.Target!.Value)}  {(met ? "PASS" : "MISS")}" : "";
            output.WriteLine($"  {r.Name,-58} {F2(r.Value),6}  {verdict}");
        }
        output.WriteLine();
        output.WriteLine($"Resources per phase (cores of {env.Processors}; other = processes outside the benchmark)");
        output.WriteLine("                                                  s   cores: bench azurite other   CPU ms/event: bench azurite   KB alloc/event  GC pause ms  gen0/1/2");
        foreach (var r in report.Resources)
        {
            output.WriteLine($"  {r.Phase,-44} {F(r.Seconds),5} {N(r.BenchCores),12} {N(r.AzuriteCores),7} {N(r.OtherCores),5} {N(r.BenchCpuMsPerEvent),19} {N(r.AzuriteCpuMsPerEvent),7} " +
                $"{F(r.AllocatedKbPerEvent),16} {F(r.GcPauseMs),12}  {r.Gen0}/{r.Gen1}/{r.Gen2}");
        }
        foreach (var warning in report.Warnings)
        {
            output.WriteLine($"WARNING: {warning}");
        }
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(double? value) => value is { } v ? F2(v) : "-";

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
