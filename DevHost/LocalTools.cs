using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Klaxon.DevHost;

/// <summary>Starting the repository's pinned npm tools (Azurite, Prism) on free loopback ports.</summary>
internal static class LocalTools
{
    /// <summary>
    /// The path of an npm package's binary in the repository, running <c>npm ci</c> first when the packages are missing
    /// (once, however many tools start at the same time). npm writes <c>node_modules/.package-lock.json</c> last, so a
    /// binary without it belongs to an install that did not finish.
    /// </summary>
    internal static async Task<string> NpmBinaryAsync(string name, CancellationToken cancellationToken)
    {
        var root = Azurite.RepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", name);
        await InstallOnce.EnsureAsync(
            root,
            () => File.Exists(executable) && File.Exists(Path.Combine(root, "node_modules", ".package-lock.json")),
            token => RunAsync("npm", "ci --no-audit --no-fund", root, token),
            cancellationToken).ConfigureAwait(false);
        return executable;
    }

    internal static async Task WaitForPortsAsync(Process process, string name, int[] ports, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before listening.");
                }
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task RunAsync(string file, string arguments, string directory, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory })
            ?? throw new InvalidOperationException($"Could not run {file}.");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}.");
        }
    }
}
