using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Klaxon.DevHost;

namespace Klaxon.Tests.Rig;

/// <summary>
/// An unmodified Prometheus Alertmanager (Debian's <c>prometheus-alertmanager</c>) on a free loopback port, with its
/// storage in a temp folder and clustering off, for end-to-end tests with a real sender. Installed with apt-get when
/// missing and running as root (once, however many tests start it); otherwise fails naming the command.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    /// <summary>The program the Debian package installs.</summary>
    public const string Program = "prometheus-alertmanager";

    private const string Package = "prometheus-alertmanager";
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _folder;

    private AlertmanagerProcess(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything Alertmanager has logged so far (stdout and stderr).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Alertmanager with <paramref name="configYaml"/> and waits until <c>/-/ready</c> answers 200 (at most 60 s).</summary>
    public static async Task<AlertmanagerProcess> StartAsync(string configYaml, CancellationToken cancellationToken = default)
    {
        var program = await EnsureInstalledAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("klaxon-alertmanager-").FullName;
        var configPath = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(configPath, configYaml, cancellationToken);
        var port = FreePort();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])[
            $"--config.file={configPath}",
            $"--storage.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
            "--log.level=debug"])
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var alertmanager = new AlertmanagerProcess(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => alertmanager.Append(line.Data);
        process.ErrorDataReceived += (_, line) => alertmanager.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await alertmanager.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }
        return alertmanager;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with code {_process.ExitCode} before it was ready:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("-/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Alertmanager was not ready within 60 s:\n{Log}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The program's path, installing the Debian package first when it is missing and we are root.</summary>
    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallOnce.EnsureAsync(
            "apt:" + Package,
            () => Find() is not null,
            async token =>
            {
                if (Environment.UserName != "root")
                {
                    throw new InvalidOperationException(
                        $"{Program} is not installed. Install it with: sudo apt-get update && sudo apt-get install -y {Package}");
                }
                if (await AptAsync($"install -y {Package}", token) != 0
                    && (await AptAsync("update", token) != 0 || await AptAsync($"install -y {Package}", token) != 0))
                {
                    throw new InvalidOperationException($"apt-get install -y {Package} failed; run it by hand to see why.");
                }
            },
            cancellationToken);
        return Find() ?? throw new InvalidOperationException($"{Program} is still missing after installing {Package}.");
    }

    private static async Task<int> AptAsync(string arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var apt = Process.Start(start) ?? throw new InvalidOperationException("Could not run apt-get.");
        await apt.WaitForExitAsync(cancellationToken);
        return apt.ExitCode;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, Program))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS eventually.
        }
    }
}
