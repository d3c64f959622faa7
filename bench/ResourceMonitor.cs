using System.Diagnostics;
using System.Globalization;

namespace Klaxon.Bench;

/// <summary>
/// CPU and GC use per phase, so a reader can tell a slow phase from a busy machine: this process, the Azurite it started
/// (its child <c>node</c> process) and everything else, from <c>/proc</c> (Linux; elsewhere the CPU columns are empty).
/// </summary>
public sealed class ResourceMonitor
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    private readonly int? _azuritePid = FindChild("node");

    public Mark Start() => new(this, Stopwatch.GetTimestamp(), ReadMachine(), ReadProcess(Environment.ProcessId), ReadProcess(_azuritePid),
        GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: false));

    public sealed record Mark(ResourceMonitor Monitor, long Timestamp, (long Busy, long All)? Machine, long? Self, long? Azurite,
        TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated)
    {
        /// <summary>Use since this mark.</summary>
        public ResourceDelta Stop()
        {
            var end = Monitor.Start();
            return new ResourceDelta(end.Timestamp - Timestamp,
                Machine is { } m0 && end.Machine is { } m1 ? m1.Busy - m0.Busy : null,
                Machine is { } a0 && end.Machine is { } a1 ? a1.All - a0.All : null,
                Self is { } s0 && end.Self is { } s1 ? s1 - s0 : null,
                Azurite is { } z0 && end.Azurite is { } z1 ? z1 - z0 : null,
                end.GcPause - GcPause, end.Gen0 - Gen0, end.Gen1 - Gen1, end.Gen2 - Gen2, end.Allocated - Allocated);
        }

        public PhaseResources Stop(string phase, int events) => Stop().ToPhase(phase, events);
    }

    /// <summary>Raw use over one or more intervals (deltas add up).</summary>
    public sealed record ResourceDelta(
        long Ticks, long? MachineBusy, long? MachineAll, long? Self, long? Azurite, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated)
    {
        public static readonly ResourceDelta Zero = new(0, 0, 0, 0, 0, TimeSpan.Zero, 0, 0, 0, 0);

        public static ResourceDelta operator +(ResourceDelta a, ResourceDelta b) => new(a.Ticks + b.Ticks,
            a.MachineBusy + b.MachineBusy, a.MachineAll + b.MachineAll, a.Self + b.Self, a.Azurite + b.Azurite,
            a.GcPause + b.GcPause, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Allocated + b.Allocated);

        public PhaseResources ToPhase(string phase, int events)
        {
            var seconds = Stats.Milliseconds(0, Ticks) / 1000.0;
            double? Cores(long? ticks) => ticks is { } t && seconds > 0 ? t / ClockTicksPerSecond / seconds : null;
            double? PerEvent(long? ticks) => ticks is { } t && events > 0 ? t * 1000.0 / ClockTicksPerSecond / events : null;
            var self = Cores(Self);
            var azurite = Cores(Azurite);
            double? others = null;
            if (MachineBusy is { } busy && MachineAll is { } all && all > 0 && self is { } s)
            {
                others = Math.Max(0, busy / (double)all * Environment.ProcessorCount - s - (azurite ?? 0));
            }
            return new PhaseResources(phase, seconds, self, azurite, others, PerEvent(Self), PerEvent(Azurite),
                events > 0 ? Allocated / 1024.0 / events : 0, GcPause.TotalMilliseconds, Gen0, Gen1, Gen2);
        }
    }

    private static (long Busy, long All)? ReadMachine()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
            return (busy, busy + idle);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a process, in clock ticks.</summary>
    private static long? ReadProcess(int? pid)
    {
        if (pid is null)
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static int? FindChild(string command)
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }
                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var parent = stat[(close + 2)..].Split(' ')[1];
                if (stat[(open + 1)..close] == command && parent == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
                {
                    return pid;
                }
            }
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}

/// <summary>
/// Cores used on average during a phase (this process, Azurite, other processes), CPU ms per event, and this process's
/// allocations per event and garbage collections (this process runs the load driver and the server under test).
/// </summary>
public sealed record PhaseResources(
    string Phase, double Seconds, double? BenchCores, double? AzuriteCores, double? OtherCores,
    double? BenchCpuMsPerEvent, double? AzuriteCpuMsPerEvent, double AllocatedKbPerEvent, double GcPauseMs, int Gen0, int Gen1, int Gen2);
