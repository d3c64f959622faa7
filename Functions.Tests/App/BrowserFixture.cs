using System.Diagnostics;
using Klaxon.DevHost;
using Microsoft.Playwright;

namespace Klaxon.Tests.App;

/// <summary>
/// Debian's Chromium driven by Playwright (its bundled driver; no browser is ever downloaded). Installs the
/// <c>chromium</c> package when it is missing and we run as root, once across parallel fixtures (<see cref="InstallOnce"/>);
/// otherwise fails naming the command. Screenshots go to <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary><c>KLAXON_SCREENSHOTS</c> if set, else <c>app-screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("KLAXON_SCREENSHOTS") is { Length: > 0 } configured ? configured : Path.Combine(AppContext.BaseDirectory, "app-screenshots");

    public async Task InitializeAsync()
    {
        await InstallOnce.EnsureAsync("apt:chromium", () => File.Exists(ChromiumPath), InstallChromiumAsync, CancellationToken.None);
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers cannot use Chromium's user-namespace sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static async Task InstallChromiumAsync(CancellationToken cancellationToken)
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run 'sudo apt-get install -y chromium' (the browser tests drive Debian's Chromium).");
        }
        if (await AptAsync("install -y chromium", cancellationToken) != 0)
        {
            // A fresh machine may have no package lists yet.
            if (await AptAsync("update", cancellationToken) != 0 || await AptAsync("install -y chromium", cancellationToken) != 0)
            {
                throw new InvalidOperationException("'apt-get install -y chromium' failed; see its output above.");
            }
        }
    }

    private static async Task<int> AptAsync(string arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run apt-get.");
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}
