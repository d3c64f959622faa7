using System.Globalization;
using System.Text.Json;
using Klaxon.Bench.Latency;

namespace Klaxon.Bench.Crash;

/// <param name="UnpagedAtKill">Accepted before the kill, not paged when it happened.</param>
/// <param name="Held">Of those, the ones paged only after half a lease or more from the kill: the dead process held their messages.</param>
/// <param name="Queued">The rest: still visible in the queue at the kill, applied as soon as DevHost was back.</param>
/// <param name="PagedWithout202">Events whose request died with DevHost (no 202) but that were enqueued and paged anyway.</param>
public sealed record CrashReport(
    DateTimeOffset FinishedAt, int Processors, int Rate, double DurationS, double KillAfterS, double DownS, double LeaseS,
    int Sent, int Accepted, int AcceptedBeforeKill, IReadOnlyDictionary<string, int> QueueDepthAtKill, double RestartToReadyS,
    int UnpagedAtKill, RecoveryGroup Held, RecoveryGroup Queued,
    int Lost, int PagedTwice, int WithoutIncident, int IncidentTwice, int PagedWithout202, int PagedWithout202Twice,
    bool NothingLostOrDoubled, bool? HeldWithinLease, int InFlightLimit, string Load)
{
    /// <summary>How far past the lease (from the kill) a held event may be paged and still count as "released by the lease".</summary>
    public const double LeaseSlackS = 10;

    internal static CrashReport From(CrashOptions options, CrashBenchmark.Sender sender, ProviderStub stub, IReadOnlyDictionary<string, int> incidents,
        IReadOnlySet<string> pagedAtKill, IReadOnlyDictionary<string, int> depth, CrashBenchmark.CrashTimes times, string loadBefore, string loadAfter)
    {
        var lease = options.EffectiveLease.TotalMilliseconds;
        var accepted = sender.Accepted;
        var before = accepted.Where(a => a.Value < times.Killed).Select(a => a.Key).ToList();
        var unpaged = before.Where(token => !pagedAtKill.Contains(token)).ToList();
        var paged = unpaged.Where(token => stub.TryGetFirstCall(token, out _)).Select(token =>
        {
            stub.TryGetFirstCall(token, out var at);
            return (FromKill: Stats.Milliseconds(times.Killed, at), FromReady: Stats.Milliseconds(times.Ready, at));
        }).ToList();
        var held = paged.Where(p => p.FromKill >= lease / 2).ToList();
        var queued = paged.Where(p => p.FromKill < lease / 2).ToList();

        var sms = stub.SmsByToken();
        var lost = accepted.Keys.Count(token => stub.SmsFor(token) == 0);
        var twice = accepted.Keys.Count(token => stub.SmsFor(token) > 1);
        var noIncident = accepted.Keys.Count(token => incidents.GetValueOrDefault(token) == 0);
        var incidentTwice = incidents.Count(i => i.Value > 1);
        var without202 = sms.Where(s => s.Key.StartsWith(sender.Prefix + "-", StringComparison.Ordinal) && !accepted.ContainsKey(s.Key)).ToList();
        var clean = lost == 0 && twice == 0 && noIncident == 0 && incidentTwice == 0 && without202.All(s => s.Value == 1);
        bool? withinLease = held.Count == 0 ? null : held.Max(h => h.FromKill) <= lease + LeaseSlackS * 1000;

        return new CrashReport(DateTimeOffset.UtcNow, Environment.ProcessorCount, options.Rate, options.Duration.TotalSeconds, options.KillAfter.TotalSeconds,
            options.Down.TotalSeconds, options.EffectiveLease.TotalSeconds, sender.Sent, accepted.Count, before.Count, depth,
            Stats.Milliseconds(times.RestartBegun, times.Ready) / 1000, unpaged.Count,
            RecoveryGroup.Of(held), RecoveryGroup.Of(queued), lost, twice, noIncident, incidentTwice, without202.Count, without202.Count(s => s.Value > 1),
            clean, withinLease, InFlightLimitOf(), $"{loadBefore} -> {loadAfter}");
    }

    /// <summary>How many messages one DevHost holds at most per queue: host.json's batchSize + newBatchThreshold.</summary>
    private static int InFlightLimitOf()
    {
        var host = Klaxon.DevHost.HostJsonSettings.Load(Path.Combine(Klaxon.DevHost.Azurite.RepositoryRoot(), "host.json"));
        return host.BatchSize + host.NewBatchThreshold;
    }

    public void Print(TextWriter output)
    {
        string S(double ms) => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Crash recovery ({Processors} cores; {Rate} events/s for {DurationS:0} s, SIGKILL at {KillAfterS:0} s, restarted {DownS:0} s later; DevHost lease {CrashBenchmark.Describe(TimeSpan.FromSeconds(LeaseS))}; load {Load}):"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  sent {Sent}, accepted (202) {Accepted}, accepted before the kill {AcceptedBeforeKill}; queues at the kill (visible + hidden): {string.Join(", ", QueueDepthAtKill.Select(d => $"{d.Key} {d.Value}"))}; restart to ready {RestartToReadyS:0.0} s"));
        output.WriteLine("| accepted before the kill, not paged at it | count | kill -> page p50 | max | restart ready -> page p50 | max |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        string Row(string name, RecoveryGroup group) => group.Count == 0
            ? $"| {name} | 0 | - | - | - | - |"
            : $"| {name} | {group.Count} | {S(group.FromKill.P50Ms)} | {S(group.FromKill.MaxMs)} | {S(group.FromReady.P50Ms)} | {S(group.FromReady.MaxMs)} |";
        output.WriteLine(Row("held by the dead process (paged >= half a lease after the kill)", Held));
        output.WriteLine(Row("still queued (paged sooner)", Queued));
        output.WriteLine($"  (of {UnpagedAtKill} not paged at the kill; any difference never paged)");
        if (QueueDepthAtKill.Values.Any(depth => depth > InFlightLimit))
        {
            // The split is by time: a backlog that takes longer than half a lease to drain lands in "held".
            output.WriteLine($"  note: DevHost was behind at the kill (more than the {InFlightLimit} messages it can hold were queued), so events " +
                "still queued may have paged later than half a lease and be counted as held; lower --rate for a clean split");
        }
        output.WriteLine($"  lost (202, no page) {Lost}; paged twice {PagedTwice}; 202 without an incident {WithoutIncident}; alert ids with two incidents {IncidentTwice}; " +
            $"paged without a 202 (request died with DevHost) {PagedWithout202}, of them twice {PagedWithout202Twice}");
        output.WriteLine($"  nothing lost or doubled: {(NothingLostOrDoubled ? "PASS" : "MISS")}");
        output.WriteLine(HeldWithinLease is { } within
            ? string.Create(CultureInfo.InvariantCulture, $"  held events paged within the lease + {LeaseSlackS:0} s of the kill (recovery = the lease): {(within ? "PASS" : "MISS")} (max {S(Held.FromKill.MaxMs)} against {LeaseS:0} s)")
            : "  no event was held by the dead process at the kill (nothing in flight); recovery time not measured: kill again or raise --rate");
    }

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
    }
}

/// <summary>Times from the kill and from the restarted DevHost being ready to each event's page.</summary>
public sealed record RecoveryGroup(int Count, LatencySummary FromKill, LatencySummary FromReady)
{
    internal static RecoveryGroup Of(IReadOnlyList<(double FromKill, double FromReady)> paged) =>
        new(paged.Count, Stats.Summarize(paged.Select(p => p.FromKill)), Stats.Summarize(paged.Select(p => p.FromReady)));
}
