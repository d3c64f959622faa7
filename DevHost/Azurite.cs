using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Klaxon.DevHost;

/// <summary>
/// Runs the repository's pinned Azurite (npm package, installed with <c>npm ci</c> if missing) on free loopback ports,
/// in memory or (<see cref="StartPersistentAsync"/>) in a folder. Disposing stops it. Used by DevHost, the tests and the
/// benchmarks.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /// <summary>The script <c>node --require</c> loads into Azurite to batch its queue GC (in <c>DevHost/</c>).</summary>
    private const string GcPreload = "azurite-batched-extent-gc.cjs";

    private readonly Process _process;

    private Azurite(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>A connection string for the emulator's well-known development account (not a secret).</summary>
    public string ConnectionString { get; }

    public static Task<Azurite> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>
    /// Azurite that keeps its data in <paramref name="location"/> (<c>--location</c>), so queues and tables outlive its
    /// clients: the crash benchmark and test kill DevHost and start it again on the same messages and rows.
    /// </summary>
    public static Task<Azurite> StartPersistentAsync(string location, CancellationToken cancellationToken = default) =>
        StartAsync(Directory.CreateDirectory(location).FullName, cancellationToken);

    private static async Task<Azurite> StartAsync(string? location, CancellationToken cancellationToken)
    {
        var executable = await LocalTools.NpmBinaryAsync("azurite", cancellationToken).ConfigureAwait(false);
        var (blob, queue, table) = (LocalTools.FreePort(), LocalTools.FreePort(), LocalTools.FreePort());
        // In memory, Azurite still writes a debug log and extent files to its working directory: keep them out of the repo.
        var workspace = location ?? Directory.CreateTempSubdirectory("klaxon-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        foreach (var persistence in location is null ? new[] { "--inMemoryPersistence" } : new[] { "--location", location })
        {
            start.ArgumentList.Add(persistence);
        }
        // Azurite's in-memory queue GC is quadratic in the messages deleted per minute and blocks it for minutes under
        // load; the preload batches it (see the script for the profile and why).
        var preload = Path.Combine(RepositoryRoot(), "DevHost", GcPreload);
        if (File.Exists(preload))
        {
            start.Environment["NODE_OPTIONS"] = $"{Environment.GetEnvironmentVariable("NODE_OPTIONS")} --require \"{preload}\"".Trim();
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, blob, queue, table);
        try
        {
            await LocalTools.WaitForPortsAsync(process, "Azurite", [blob, queue, table], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return azurite;
    }

    /// <summary>The folder holding <c>package.json</c> (searched upwards from the working directory and the binaries).</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "host.json")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Cannot find the Klaxon repository root (package.json next to host.json) to run Azurite from.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
