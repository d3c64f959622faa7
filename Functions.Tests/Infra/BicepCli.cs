using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with the test project. Its path is
/// baked into this assembly by Functions.Tests.csproj (AssemblyMetadata "BicepCliPath", from the package's generated
/// path property), so nothing is installed globally and nothing is downloaded at test time.
/// </summary>
internal static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Executable = new(Locate);

    public static string Path => Executable.Value;

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in the repository root.</summary>
    /// <param name="environment">Variables to set (a null value removes one) on top of this process's environment.</param>
    public static BicepRun Run(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        process.WaitForExit();
        return new BicepRun(string.Join(' ', arguments), process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public static BicepRun Run(params string[] arguments) => Run(null, arguments);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepCliPath")?.Value;
        if (string.IsNullOrEmpty(path) || path.StartsWith("/tools/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The test assembly does not know where the Bicep CLI is: Functions.Tests.csproj must reference Azure.Bicep.CommandLine.linux-x64 with GeneratePathProperty=\"true\".");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Bicep CLI not found at {path}; run 'dotnet restore Functions.Tests'.");
        }
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts the package's files without guaranteeing the executable bit.
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }
        return path;
    }

    /// <summary>A compiler or linter diagnostic line: <c>path(line,col) : Warning|Error CODE: message</c>.</summary>
    [GeneratedRegex(@"^.+\(\d+,\d+\) : (Warning|Error) ", RegexOptions.Multiline)]
    internal static partial Regex DiagnosticLine();
}

internal sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Warnings and errors Bicep printed (it exits 0 on warnings, so they are counted here).</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. StandardError.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => BicepCli.DiagnosticLine().IsMatch(l))];

    /// <summary>Fails unless the command exited 0 and printed no warning or error.</summary>
    public BicepRun AssertClean()
    {
        Assert.True(ExitCode == 0 && Diagnostics.Count == 0,
            $"bicep {Command} exited {ExitCode}.\n--- diagnostics ---\n{StandardError}");
        return this;
    }
}
