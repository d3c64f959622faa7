using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Hosting;
using Klaxon.Notifications.Twilio;
using Klaxon.Notifications;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Tests.Notifications.Twilio;

/// <summary>One Prism serving Twilio's official Messages/Calls description, shared by the Twilio sender tests.</summary>
public sealed class TwilioClientPrismFixture : IAsyncLifetime
{
    public Prism Prism { get; private set; } = null!;

    public async Task InitializeAsync() => Prism = await Prism.StartAsync(Prism.TwilioSpec);

    public async Task DisposeAsync() => await Prism.DisposeAsync();

    /// <summary>Where Prism's counters are now; see <see cref="AssertValidSinceAsync"/>.</summary>
    public PrismMark Mark() => new(Prism.Received, Prism.Passed, Prism.Violations.Count);

    /// <summary>
    /// Exactly <paramref name="requests"/> requests reached Prism since <paramref name="mark"/>, and every one of them
    /// passed validation against Twilio's schema. Prism logs asynchronously, so its counters are awaited briefly.
    /// </summary>
    public async Task AssertValidSinceAsync(PrismMark mark, int requests)
    {
        var deadline = Stopwatch.StartNew();
        while ((Prism.Received - mark.Received < requests || Prism.Passed - mark.Passed < requests) && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }
        await Task.Delay(50);
        Assert.Empty(Prism.Violations.Skip(mark.Violations));
        Assert.Equal(requests, Prism.Received - mark.Received);
        Assert.Equal(requests, Prism.Passed - mark.Passed);
    }

    /// <summary>Prism's violations since <paramref name="mark"/>, waiting up to 5 s for at least one.</summary>
    public async Task<IReadOnlyList<string>> ViolationsSinceAsync(PrismMark mark)
    {
        var deadline = Stopwatch.StartNew();
        while (Prism.Violations.Count <= mark.Violations && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }
        return [.. Prism.Violations.Skip(mark.Violations)];
    }
}

public readonly record struct PrismMark(int Received, int Passed, int Violations);

[CollectionDefinition(Name)]
public sealed class TwilioClientPrismCollection : ICollectionFixture<TwilioClientPrismFixture>
{
    public const string Name = "Twilio Prism";
}

/// <summary>
/// The notification services as the app registers them, configured for Prism with a fresh auth token, with a
/// <see cref="TwilioFaults"/> handler appended to the Twilio HttpClient (so inside its retry) and logs captured.
/// </summary>
public sealed class TwilioClientRig : IAsyncDisposable
{
    public TwilioClientRig(Prism prism, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Klaxon:PublicBaseUrl"] = ProviderMocks.PublicBaseUrl,
            ["Notifications:Twilio:AccountSid"] = ProviderMocks.TwilioAccountSid,
            ["Notifications:Twilio:AuthToken"] = AuthToken,
            ["Notifications:Twilio:FromNumber"] = ProviderMocks.TwilioFromNumber,
            ["Notifications:Twilio:ApiBaseUrl"] = prism.BaseUrl,
            ["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<KlaxonOptions>().Bind(configuration.GetSection(KlaxonOptions.Section));
        services.AddKlaxonNotifications(configuration);
        services.AddHttpClient(TwilioHttp.ClientName).AddHttpMessageHandler(() => new TwilioFaultHandler(Faults));
        Services = services.BuildServiceProvider();
    }

    /// <summary>Random per rig, so a test can look for it anywhere it must not be.</summary>
    public string AuthToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public TwilioFaults Faults { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>A scripted answer instead of Twilio's, for one request.</summary>
public delegate Task<HttpResponseMessage> TwilioFault(HttpRequestMessage request, CancellationToken cancellationToken);

/// <summary>
/// Faults to answer the next requests with (in order), then pass-through; records every request that reached the
/// handler (time, form fields) so tests can count tries and look at what Twilio would have received.
/// </summary>
public sealed class TwilioFaults
{
    private readonly ConcurrentQueue<TwilioFault> _script = new();
    private readonly ConcurrentQueue<RecordedTwilioRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _passedThrough;

    /// <summary>Every request, faulted or passed through, in order.</summary>
    public IReadOnlyList<RecordedTwilioRequest> Requests => [.. _requests];

    /// <summary>Requests that went on to Prism.</summary>
    public int PassedThrough => Volatile.Read(ref _passedThrough);

    public TwilioFaults Then(TwilioFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(fault);
        }
        return this;
    }

    internal async Task<TwilioFault?> NextAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedTwilioRequest(_clock.Elapsed, request.Method, request.RequestUri!, request.Headers.Authorization?.Parameter, QueryHelpers.ParseQuery(body)));
        if (_script.TryDequeue(out var fault))
        {
            return fault;
        }
        Interlocked.Increment(ref _passedThrough);
        return null;
    }

    public static TwilioFault Status(HttpStatusCode status, TimeSpan? retryAfter = null, string body = "<html>upstream error</html>") => (_, _) =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/html") };
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        }
        return Task.FromResult(response);
    };

    /// <summary>Twilio's error body, e.g. <c>{"code":21211,"message":"...","more_info":"...","status":400}</c>.</summary>
    public static TwilioFault Error(int status, int code, string message) => (_, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
    {
        Content = new StringContent(
            $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""",
            Encoding.UTF8, "application/json"),
    });

    /// <summary>Never answers: the attempt timeout or the caller's cancellation ends it.</summary>
    public static readonly TwilioFault Hang = async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new UnreachableException();
    };

    public static readonly TwilioFault ConnectionRefused = (_, _) =>
        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.twilio.com:443)");
}

public sealed record RecordedTwilioRequest(TimeSpan At, HttpMethod Method, Uri Uri, string? BasicCredentials, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Form);

internal sealed class TwilioFaultHandler(TwilioFaults faults) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = await faults.NextAsync(request, cancellationToken);
        return fault is null ? await base.SendAsync(request, cancellationToken) : await fault(request, cancellationToken);
    }
}

/// <summary>Every log message written, formatted, with its exception text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
