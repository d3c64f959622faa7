using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Klaxon.DevHost;

/// <summary>
/// DevHost as a child process (<c>dotnet Klaxon.DevHost.dll</c>), so that it can be killed outright and started again
/// on the same storage: <see cref="Kill"/> is SIGKILL on Linux, with no shutdown hook, no drain and no message
/// released. Used by the crash benchmark and test; everything else runs DevHost in-process.
/// </summary>
public sealed partial class DevHostProcess : IAsyncDisposable
{
    /// <summary>The line DevHost prints once it listens, its queues poll and every key was printed.</summary>
    private const string ReadyLine = "Ctrl-C stops DevHost";
    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _apiKeys = new(StringComparer.Ordinal);

    private DevHostProcess(Process process) => _process = process;

    /// <summary>The admin API key DevHost issued each loaded account at this start, by account id.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys
    {
        get
        {
            lock (_output)
            {
                return new Dictionary<string, string>(_apiKeys, StringComparer.Ordinal);
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>A free loopback address to pass as <c>--urls</c>, kept across restarts so callers' URLs stay valid.</summary>
    public static string FreeLoopbackUrl() => $"http://127.0.0.1:{LocalTools.FreePort()}";

    /// <summary>The last lines DevHost wrote (stdout and stderr), to say why a start failed.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    /// <param name="arguments">DevHost's own arguments (<c>--config</c>, <c>--urls</c>, ...).</param>
    /// <param name="environment">App settings as environment variables (<c>AzureWebJobsStorage</c>, <c>DevHost__QueueLease</c>, ...).</param>
    public static async Task<DevHostProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // The dotnet CLI tells its children where it is; a plain `dotnet` on PATH otherwise.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(DevHostApp).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var child = new DevHostProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start DevHost."));
        child._process.OutputDataReceived += (_, line) => child.Observe(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Observe(line.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var exited = child._process.WaitForExitAsync(limit.Token);
            if (await Task.WhenAny(child._ready.Task, exited).ConfigureAwait(false) != child._ready.Task)
            {
                await exited.ConfigureAwait(false); // throws when the time ran out
                throw new InvalidOperationException($"DevHost exited with {child._process.ExitCode} before it was ready:{Environment.NewLine}{child.RecentOutput()}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"DevHost was not ready within {timeout.TotalSeconds:0} s:{Environment.NewLine}{child.RecentOutput()}");
        }
        catch
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return child;
    }

    /// <summary>SIGKILL: the process ends at once, mid-invocation, holding whatever messages it had received.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Kills it outright, like <see cref="KillAsync"/>, without waiting.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
            if (ApiKeyLine().Match(line) is { Success: true } key)
            {
                _apiKeys[key.Groups["account"].Value] = key.Groups["key"].Value;
            }
        }
        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>Program.cs's banner line for each account's key.</summary>
    [GeneratedRegex(@"API key of account (?<account>\S+) \(admin\): (?<key>\S+)")]
    private static partial Regex ApiKeyLine();

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }
}
