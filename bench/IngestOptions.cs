namespace Klaxon.Bench;

/// <summary>Options of the <c>ingest</c> benchmark.</summary>
public sealed record IngestOptions
{
    public int Count { get; init; } = 2000;

    public int Concurrency { get; init; } = 32;

    public int Warmup { get; init; } = 200;

    /// <summary>Most events queued at once in the apply rounds, and between sent and applied end to end.</summary>
    public int Window { get; init; } = 128;

    public string? JsonPath { get; init; }

    /// <summary>
    /// <c>Klaxon:DispatchInline</c> for DevHost: <c>inline</c> (default, as deployed: an applied create starts its
    /// escalation and sends its first page in the same invocation, so apply rounds include that work) or <c>queued</c>
    /// (apply rounds apply events only; escalation and pages follow through the notifications queue).
    /// </summary>
    public string Dispatch { get; init; } = "inline";

    public bool Help { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out IngestOptions options, out string? error)
    {
        options = new IngestOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (name)
            {
                case "-n" or "--count":
                    if (!OptionValues.Whole(Value(), 1, out var count))
                    {
                        error = $"{name} needs a whole number of at least 1.";
                        return false;
                    }
                    options = options with { Count = count };
                    break;
                case "-c" or "--concurrency":
                    if (!OptionValues.Whole(Value(), 1, out var concurrency))
                    {
                        error = $"{name} needs a whole number of at least 1.";
                        return false;
                    }
                    options = options with { Concurrency = concurrency };
                    break;
                case "-w" or "--warmup":
                    if (!OptionValues.Whole(Value(), 0, out var warmup))
                    {
                        error = $"{name} needs a whole number of at least 0.";
                        return false;
                    }
                    options = options with { Warmup = warmup };
                    break;
                case "--window":
                    if (!OptionValues.Whole(Value(), 1, out var window))
                    {
                        error = $"{name} needs a whole number of at least 1.";
                        return false;
                    }
                    options = options with { Window = window };
                    break;
                case "--dispatch":
                    var dispatch = Value();
                    if (dispatch is not ("inline" or "queued"))
                    {
                        error = "--dispatch needs inline or queued.";
                        return false;
                    }
                    options = options with { Dispatch = dispatch! };
                    break;
                case "--json":
                    if (Value() is not { Length: > 0 } path)
                    {
                        error = "--json needs a file name.";
                        return false;
                    }
                    options = options with { JsonPath = Path.GetFullPath(path) };
                    break;
                case "-h" or "--help":
                    options = options with { Help = true };
                    break;
                default:
                    error = $"Unknown option '{name}' for ingest.";
                    return false;
            }
        }
        return true;
    }
}
