using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Klaxon.DevHost;

/// <summary>
/// Runs the repository's pinned Prism (npm <c>@stoplight/prism-cli</c>) as a mock of one provider API, serving the
/// official OpenAPI description from <c>DevHost/Providers/</c> on a free loopback port. Prism answers with the
/// description's examples and validates every request against the official schema; <see cref="Violations"/> collects
/// what it refused, so a test can fail on any request the real API would reject.
/// </summary>
public sealed class Prism : IAsyncDisposable
{
    /// <summary>Twilio's Messages and Calls API (2010-04-01).</summary>
    public const string TwilioSpec = "twilio_api_v2010.messages_calls.json";

    /// <summary>SendGrid's v3 mail send.</summary>
    public const string SendGridSpec = "sendgrid_v3_mail_send.json";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _violations = new();
    private int _received;
    private int _passed;

    private Prism(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Prism's own words for each request it found invalid against the description.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Requests Prism received.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Requests that passed validation.</summary>
    public int Passed => Volatile.Read(ref _passed);

    /// <summary>The folder holding the provider descriptions, their licences and provenance.</summary>
    public static string ProvidersDirectory => Path.Combine(Azurite.RepositoryRoot(), "DevHost", "Providers");

    public static async Task<Prism> StartAsync(string spec, CancellationToken cancellationToken = default)
    {
        var executable = await LocalTools.NpmBinaryAsync("prism", cancellationToken).ConfigureAwait(false);
        var port = LocalTools.FreePort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "mock", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), Path.Combine(ProvidersDirectory, spec) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Prism.");
        var prism = new Prism(process, port);
        process.OutputDataReceived += (_, line) => prism.Observe(line.Data);
        process.ErrorDataReceived += (_, line) => prism.Observe(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await LocalTools.WaitForPortsAsync(process, "Prism", [port], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await prism.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return prism;
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains("Request received", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _received);
        }
        else if (line.Contains("passed the validation rules", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _passed);
        }
        else if (line.Contains("[VALIDATOR]", StringComparison.Ordinal) && line.Contains("error", StringComparison.Ordinal))
        {
            _violations.Enqueue(line[(line.IndexOf("[VALIDATOR]", StringComparison.Ordinal) + "[VALIDATOR]".Length)..].Trim());
        }
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
