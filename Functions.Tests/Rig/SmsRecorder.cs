using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Tests.Rig;

/// <summary>
/// A loopback stand-in for Twilio's message API (Kestrel, real HTTP; Klaxon's <c>Notifications:Twilio:ApiBaseUrl</c>
/// points here): it answers 201 with a sid and counts, per token (what the given pattern matches in the body), the SMS it
/// answered, so a test can say "paged exactly once". <see cref="Hold"/> keeps requests unanswered until released; a
/// held request whose sender dies is never answered and not counted: the provider never accepted it.
/// </summary>
public sealed class SmsRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Regex _token;
    private readonly ConcurrentDictionary<string, int> _sms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _heldTokens = new(StringComparer.Ordinal);
    private TaskCompletionSource _release = NewRelease();
    private int _held;

    private SmsRecorder(WebApplication app, Regex token)
    {
        _app = app;
        _token = token;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>While true, each SMS is counted on arrival and then held unanswered until <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Requests being held now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Every token whose SMS was ever held, answered later or not.</summary>
    public IReadOnlyCollection<string> HeldTokens => [.. _heldTokens.Keys];

    public static async Task<SmsRecorder> StartAsync(Regex token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var recorder = new SmsRecorder(builder.Build(), token);
        recorder._app.MapPost("/2010-04-01/Accounts/{account}/{resource}", recorder.CreateAsync);
        await recorder._app.StartAsync();
        recorder.BaseUrl = recorder._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return recorder;
    }

    public int SmsFor(string token) => _sms.GetValueOrDefault(token);

    public IReadOnlyDictionary<string, int> SmsByToken() => new Dictionary<string, int>(_sms, StringComparer.Ordinal);

    /// <summary>Answers every held request and stops holding.</summary>
    public void Release()
    {
        Hold = false;
        Interlocked.Exchange(ref _release, NewRelease()).TrySetResult();
    }

    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var token = _token.Match(form["Body"].ToString()) is { Success: true } match ? match.Value : null;
        if (Hold)
        {
            if (token is not null)
            {
                _heldTokens[token] = true;
            }
            Interlocked.Increment(ref _held);
            try
            {
                await Volatile.Read(ref _release).Task.WaitAsync(request.HttpContext.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }
        if (token is not null)
        {
            _sms.AddOrUpdate(token, 1, (_, count) => count + 1);
        }
        return Results.Json(new Dictionary<string, object?> { ["sid"] = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), ["status"] = "queued" },
            statusCode: StatusCodes.Status201Created);
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
