using System.Globalization;

namespace Klaxon.Bench.Latency;

/// <summary>Options of <c>bench -- latency</c>.</summary>
public sealed record LatencyOptions
{
    /// <summary>Steady webhook rates, events per second. Default 10 and 50.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [10, 50];

    /// <summary>How long each steady rate runs. Default 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle time before each single event. Default 2 minutes (every queue listener backed off to its longest poll).</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Single events after idle. Default 3.</summary>
    public int Singles { get; init; } = 3;

    /// <summary>
    /// <c>inline</c> or <c>queued</c>: only that value of <c>Klaxon:DispatchInline</c> (escalation start and first pages in
    /// the invocation that opened the incident, or one queue hop each). Default: both, in the same run, taking turns.
    /// </summary>
    public string? Dispatch { get; init; }

    public string? JsonPath { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out LatencyOptions options, out string? error)
    {
        options = new LatencyOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--rates" when value is not null && value.Split(',').All(v => OptionValues.Whole(v, 1, out _)):
                    options = options with { Rates = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] };
                    break;
                case "--duration" when OptionValues.Whole(value, 1, out var seconds):
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--idle" when OptionValues.Whole(value, 0, out var idle):
                    options = options with { Idle = TimeSpan.FromSeconds(idle) };
                    break;
                case "--singles" when OptionValues.Whole(value, 0, out var singles):
                    options = options with { Singles = singles };
                    break;
                case "--dispatch" when value is "inline" or "queued":
                    options = options with { Dispatch = value };
                    break;
                case "--json" when value is { Length: > 0 }:
                    options = options with { JsonPath = Path.GetFullPath(value) };
                    break;
                default:
                    error = $"Unknown or incomplete option '{args[i]}' for latency.";
                    return false;
            }
            i++;
        }
        return true;
    }
}
