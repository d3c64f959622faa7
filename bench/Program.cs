using Klaxon.Bench;

// dotnet run -c Release --project bench -- <benchmark> [options]
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage.Text);
    return args.Length == 0 ? 2 : 0;
}

switch (args[0])
{
    case "ingest":
        if (!IngestOptions.TryParse(args[1..], out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage.Text);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(Usage.Text);
            return 0;
        }
        var report = await IngestBenchmark.RunAsync(options, Console.Out);
        Report.Print(report, Console.Out);
        if (options.JsonPath is { } path)
        {
            await Report.WriteJsonAsync(report, path);
            Console.WriteLine($"Figures written to {path}");
        }
        // Benchmarks report; tests assert. A missed target is in the output, not the exit code.
        return 0;
    case "escalation":
        if (!Klaxon.Bench.Escalation.EscalationOptions.TryParse(args[1..], out var escalationOptions, out var escalationError))
        {
            Console.Error.WriteLine(escalationError);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage.Text);
            return 2;
        }
        var escalation = await Klaxon.Bench.Escalation.EscalationBenchmark.RunAsync(escalationOptions, Console.Out);
        Klaxon.Bench.Escalation.EscalationReportPrinter.Print(escalation, Console.Out);
        if (escalationOptions.JsonPath is { } escalationPath)
        {
            await Klaxon.Bench.Escalation.EscalationReportPrinter.WriteJsonAsync(escalation, escalationPath);
            Console.WriteLine($"Figures written to {escalationPath}");
        }
        return 0;
    case "adversarial":
        var adversarial = await Klaxon.Bench.Adversarial.AdversarialBenchmark.RunAsync(Console.Out);
        Klaxon.Bench.Adversarial.AdversarialBenchmark.Print(adversarial, Console.Out);
        return 0;
    case "latency":
        if (!Klaxon.Bench.Latency.LatencyOptions.TryParse(args[1..], out var latencyOptions, out var latencyError))
        {
            Console.Error.WriteLine(latencyError);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage.Text);
            return 2;
        }
        var latency = await Klaxon.Bench.Latency.LatencyBenchmark.RunAsync(latencyOptions, Console.Out);
        latency.Print(Console.Out);
        if (latencyOptions.JsonPath is { } latencyPath)
        {
            await latency.WriteJsonAsync(latencyPath);
            Console.WriteLine($"Figures written to {latencyPath}");
        }
        return 0;
    case "crash":
        if (!Klaxon.Bench.Crash.CrashOptions.TryParse(args[1..], out var crashOptions, out var crashError))
        {
            Console.Error.WriteLine(crashError);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage.Text);
            return 2;
        }
        var crash = await Klaxon.Bench.Crash.CrashBenchmark.RunAsync(crashOptions, Console.Out);
        crash.Print(Console.Out);
        if (crashOptions.JsonPath is { } crashPath)
        {
            await crash.WriteJsonAsync(crashPath);
            Console.WriteLine($"Figures written to {crashPath}");
        }
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{args[0]}'.");
        Console.Error.WriteLine();
        Console.Error.WriteLine(Usage.Text);
        return 2;
}
