namespace Klaxon.Bench;

/// <summary>One measured chunk of senders: their samples, the storage requests made meanwhile, CPU and GC use.</summary>
public sealed record AcceptRun(LoadDriver.Sample[] Samples, long Requests, ResourceMonitor.ResourceDelta Use);

/// <summary>One apply round: <c>Applied</c> of <c>Count</c> queued events applied in <c>Ticks</c> (release to last commit).</summary>
public sealed record ApplyRun(int Count, int Applied, long Ticks, long Requests, ResourceMonitor.ResourceDelta Use);

/// <summary>One closed-loop chunk: samples, and when each sent event (by key) was applied.</summary>
public sealed record EndToEndRun(LoadDriver.Sample[] Samples, IReadOnlyDictionary<string, long> AppliedAt, long Requests, ResourceMonitor.ResourceDelta Use);

/// <summary>Turns interleaved runs into figures: rates are events over the summed measured intervals.</summary>
public static class Runs
{
    public static AcceptFigures Accept(string name, IReadOnlyList<AcceptRun> runs)
    {
        var ok = runs.SelectMany(r => r.Samples).Where(s => s.Ok).ToList();
        var count = runs.Sum(r => r.Samples.Length);
        var ticks = runs.Where(r => r.Samples.Any(s => s.Ok)).Sum(r => r.Samples.Where(s => s.Ok).Max(s => s.End) - r.Samples.Min(s => s.Start));
        return new AcceptFigures(name, count, count - ok.Count, Stats.Rate(ok.Count, 0, ticks),
            Stats.Summarize(ok.Select(s => Stats.Milliseconds(s.Start, s.End))),
            runs.Sum(r => r.Requests) / (double)Math.Max(1, count));
    }

    public static ApplyFigures Apply(string name, IReadOnlyList<ApplyRun> runs, int roundSize)
    {
        var count = runs.Sum(r => r.Count);
        var applied = runs.Sum(r => r.Applied);
        return new ApplyFigures(name, count, runs.Count, roundSize, count - applied, Stats.Rate(applied, 0, runs.Sum(r => r.Ticks)),
            runs.Sum(r => r.Requests) / (double)Math.Max(1, count));
    }

    public static EndToEndFigures EndToEnd(string name, int window, IReadOnlyList<EndToEndRun> runs)
    {
        var accept = Accept(name, [.. runs.Select(r => new AcceptRun(r.Samples, r.Requests, r.Use))]);
        var pairs = runs.SelectMany(r => r.Samples.Where(s => s.Ok && s.Key is not null && r.AppliedAt.ContainsKey(s.Key))
            .Select(s => (Sample: s, At: r.AppliedAt[s.Key!]))).ToList();
        var appliedTicks = runs.Sum(r =>
        {
            var times = r.Samples.Where(s => s.Ok && s.Key is not null && r.AppliedAt.ContainsKey(s.Key)).Select(s => r.AppliedAt[s.Key!]).ToList();
            return times.Count == 0 ? 0 : times.Max() - r.Samples.Min(s => s.Start);
        });
        return new EndToEndFigures(name, accept.Count, window, accept.Errors, accept.Count - accept.Errors - pairs.Count,
            accept.PerSecond, accept.Latency, Stats.Rate(pairs.Count, 0, appliedTicks),
            Stats.Summarize(pairs.Select(p => Stats.Milliseconds(p.Sample.End, p.At))),
            accept.TransactionsPerEvent);
    }

    public static PhaseResources Resources(string phase, IEnumerable<ResourceMonitor.ResourceDelta> uses, int events) =>
        uses.Aggregate(ResourceMonitor.ResourceDelta.Zero, (sum, use) => sum + use).ToPhase(phase, events);
}
