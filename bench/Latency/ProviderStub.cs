using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Bench.Latency;

/// <summary>
/// A loopback stand-in for Twilio's REST API (Klaxon's <c>Notifications:Twilio:ApiBaseUrl</c> points here): it answers
/// message and call creation with 201 and a sid, and notes when the first call naming each benchmark token arrived
/// (<see cref="Stopwatch"/> timestamps, the same clock as the senders').
/// </summary>
internal sealed partial class ProviderStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _first = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _sms = new(StringComparer.Ordinal);
    private long _calls;

    private ProviderStub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public long Calls => Interlocked.Read(ref _calls);

    public bool TryGetFirstCall(string token, out long timestamp) => _first.TryGetValue(token, out timestamp);

    /// <summary>How many SMS named <paramref name="token"/>: the crash benchmark's "paged exactly once".</summary>
    public int SmsFor(string token) => _sms.TryGetValue(token, out var count) ? count : 0;

    /// <summary>Every token paged so far, with its SMS count (pages for events whose webhook got no 202 show up here too).</summary>
    public IReadOnlyDictionary<string, int> SmsByToken() => new Dictionary<string, int>(_sms, StringComparer.Ordinal);

    public static async Task<ProviderStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var stub = new ProviderStub(builder.Build());
        stub._app.MapPost("/2010-04-01/Accounts/{account}/{resource}", stub.CreateAsync);
        await stub._app.StartAsync().ConfigureAwait(false);
        stub.BaseUrl = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return stub;
    }

    private async Task<IResult> CreateAsync(HttpRequest request, string resource)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _calls);
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        // SMS carries the title in Body; a call's TwiML or URL may not, so only the SMS counts as "paged" here.
        if (Token().Match(form["Body"].ToString()) is { Success: true } match)
        {
            _first.TryAdd(match.Value, arrived);
            _sms.AddOrUpdate(match.Value, 1, (_, count) => count + 1);
        }
        var sid = (resource.StartsWith("Calls", StringComparison.Ordinal) ? "CA" : "SM") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return Results.Json(new Dictionary<string, object?> { ["sid"] = sid, ["status"] = "queued", ["to"] = form["To"].ToString() }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The token each benchmark event carries in its title (latency and crash benchmarks).</summary>
    [GeneratedRegex("(?:lat|crash)-[0-9a-f]{8}-[a-z]-[a-z0-9]+-[0-9]+")]
    public static partial Regex Token();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
