using System.Diagnostics;

namespace Klaxon.Bench;

/// <summary>Latency percentiles and rates from <see cref="Stopwatch"/> timestamps (one clock for the whole process).</summary>
public static class Stats
{
    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Events per second over the interval from the first start to the last finish.</summary>
    public static double Rate(int count, long startTimestamp, long endTimestamp) =>
        endTimestamp > startTimestamp ? count / (Milliseconds(startTimestamp, endTimestamp) / 1000.0) : 0;

    public static LatencySummary Summarize(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 99), sorted.Average(), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile of an ascending array: the smallest value with at least p% of values at or below it.</summary>
    public static double Percentile(double[] ascending, double p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * ascending.Length);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Length - 1)];
    }
}

/// <summary>Latency distribution in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MeanMs, double MaxMs);
