using System.Net;
using System.Text;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Hosting;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Email;
using Klaxon.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Notifications.Email;

/// <summary>A Prism mock of SendGrid's mail send, serving the official description; shared by the sender tests.</summary>
public sealed class SendGridPrismFixture : IAsyncLifetime
{
    public const string ApiKey = "SG.test-key-must-never-leak";

    public Prism Prism { get; private set; } = null!;

    public async Task InitializeAsync() => Prism = await Prism.StartAsync(Prism.SendGridSpec);

    public async Task DisposeAsync() => await Prism.DisposeAsync();

    /// <summary>
    /// The email channel's real registrations, configured from in-memory settings, with <paramref name="faults"/> as the
    /// inner-most handler of the SendGrid client (behind the retry handler, in front of Prism).
    /// </summary>
    public ServiceProvider Services(FaultPlan faults, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:SendGrid:ApiKey"] = ApiKey,
            ["Notifications:SendGrid:FromAddress"] = "klaxon@example.test",
            ["Notifications:SendGrid:ApiBaseUrl"] = Prism.BaseUrl,
            ["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.010",
            ["Notifications:EmailLinks:SigningKey"] = "0123456789abcdef0123456789abcdef",
            ["Klaxon:PublicBaseUrl"] = "https://klaxon.example.test",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<KlaxonOptions>().Bind(configuration.GetSection(KlaxonOptions.Section));
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section));
        services.AddSingleton<ActionLinks>();
        services.AddEmailChannel();
        services.AddHttpClient(SendGridEmailSender.HttpClientName).AddHttpMessageHandler(() => new FaultHandler(faults));
        return services.BuildServiceProvider();
    }

    /// <summary>Waits until Prism has judged one more request (passed, or logged a violation), so its log is complete.</summary>
    public async Task WaitForValidationAsync(int passedBefore, int violationsBefore)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Prism.Passed == passedBefore && Prism.Violations.Count == violationsBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, "Prism did not validate the request.");
            await Task.Delay(20);
        }
        // Violations of one request come as several lines; give the rest of them a moment to arrive.
        await Task.Delay(100);
    }
}

/// <summary>Responses to give instead of calling SendGrid, in order; when empty, requests go through.</summary>
public sealed class FaultPlan
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();
    private int _seen;
    private int _forwarded;

    /// <summary>How long each request hangs before it is answered or forwarded (the request's token cancels it).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Repeat this fault for every request.</summary>
    public Func<HttpResponseMessage>? Always { get; set; }

    public int Seen => Volatile.Read(ref _seen);

    public int Forwarded => Volatile.Read(ref _forwarded);

    public FaultPlan Then(HttpStatusCode status, string? json = null)
    {
        _responses.Enqueue(() => Response(status, json));
        return this;
    }

    public static HttpResponseMessage Response(HttpStatusCode status, string? json = null) => new(status)
    {
        Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
    };

    internal HttpResponseMessage? Next()
    {
        Interlocked.Increment(ref _seen);
        lock (_responses)
        {
            if (_responses.TryDequeue(out var response))
            {
                return response();
            }
        }
        if (Always is { } always)
        {
            return always();
        }
        Interlocked.Increment(ref _forwarded);
        return null;
    }
}

internal sealed class FaultHandler(FaultPlan plan) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (plan.Delay > TimeSpan.Zero)
        {
            await Task.Delay(plan.Delay, cancellationToken);
        }
        return plan.Next() ?? await base.SendAsync(request, cancellationToken);
    }
}
