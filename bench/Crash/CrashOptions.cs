namespace Klaxon.Bench.Crash;

/// <summary>Options of <c>bench -- crash</c>.</summary>
public sealed record CrashOptions
{
    /// <summary>Webhooks per second, each with its own alert id. Default 20.</summary>
    public int Rate { get; init; } = 20;

    /// <summary>How long the load runs, across the kill and the restart. Default 40 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>When, into the load, DevHost is killed. Default 15 s.</summary>
    public TimeSpan KillAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long DevHost stays dead before it is started again. Default 2 s.</summary>
    public TimeSpan Down { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>DevHost's queue lease (<c>DevHost:QueueLease</c>); null keeps the host's 10 minutes.</summary>
    public TimeSpan? Lease { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>The lease in effect for this run.</summary>
    public TimeSpan EffectiveLease => Lease ?? Klaxon.DevHost.QueueTriggerListener.DefaultLease;

    public static bool TryParse(IReadOnlyList<string> args, out CrashOptions options, out string? error)
    {
        options = new CrashOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--rate" when OptionValues.Whole(value, 1, out var rate):
                    options = options with { Rate = rate };
                    break;
                case "--duration" when OptionValues.Whole(value, 1, out var seconds):
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--kill-after" when OptionValues.Whole(value, 1, out var kill):
                    options = options with { KillAfter = TimeSpan.FromSeconds(kill) };
                    break;
                case "--down" when OptionValues.Whole(value, 0, out var down):
                    options = options with { Down = TimeSpan.FromSeconds(down) };
                    break;
                case "--lease" when OptionValues.Whole(value, 2, out var lease):
                    options = options with { Lease = TimeSpan.FromSeconds(lease) };
                    break;
                case "--json" when value is { Length: > 0 }:
                    options = options with { JsonPath = Path.GetFullPath(value) };
                    break;
                default:
                    error = $"Unknown or incomplete option '{args[i]}' for crash.";
                    return false;
            }
            i++;
        }
        if (options.KillAfter >= options.Duration)
        {
            error = "--kill-after must be less than --duration: DevHost is killed mid-load.";
            return false;
        }
        return true;
    }
}
