using System.Globalization;

namespace Klaxon.Bench.Escalation;

/// <summary>Options of <c>bench -- escalation</c>.</summary>
public sealed record EscalationOptions
{
    /// <summary>Open-incident counts to measure the sweep at. Default 10,000 and 100,000.</summary>
    public IReadOnlyList<int> Open { get; init; } = [10_000, 100_000];

    /// <summary>How many of them are due at the sweep. Default 500.</summary>
    public int Due { get; init; } = 500;

    /// <summary>Pages measured for lateness. Default 300.</summary>
    public int LatenessCount { get; init; } = 300;

    /// <summary>Over how long those pages fall due. Default 20 s.</summary>
    public TimeSpan LatenessSpread { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The timer's NCRONTAB during the lateness part. Default every 5 seconds.</summary>
    public string Schedule { get; init; } = "*/5 * * * * *";

    public string? JsonPath { get; init; }

    public static bool TryParse(string[] args, out EscalationOptions options, out string? error)
    {
        options = new EscalationOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--open" when value is not null:
                    options = options with { Open = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] };
                    i++;
                    break;
                case "--due" when value is not null:
                    options = options with { Due = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--pages" when value is not null:
                    options = options with { LatenessCount = int.Parse(value, CultureInfo.InvariantCulture) };
                    i++;
                    break;
                case "--schedule" when value is not null:
                    options = options with { Schedule = value };
                    i++;
                    break;
                case "--json" when value is not null:
                    options = options with { JsonPath = value };
                    i++;
                    break;
                default:
                    error = $"Unknown or incomplete option '{args[i]}'.";
                    return false;
            }
        }
        var due = options.Due;
        if (options.Open.Any(o => o < due) || due < 1)
        {
            error = "--due must be at least 1 and no more than each --open count.";
            return false;
        }
        return true;
    }
}
