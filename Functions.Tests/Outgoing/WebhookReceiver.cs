using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Tests.Outgoing;

/// <summary>
/// A webhook receiver on loopback (Kestrel, real HTTP), written from the documented contract rather than Klaxon's code:
/// for every request it checks <c>Klaxon-Signature: t=…,v1=…</c> as docs/outgoing-webhooks.md tells receivers to (HMAC-SHA256
/// of <c>{t}.{body}</c> with the secret, constant-time compare) and records what it got. It answers 200, or what
/// <see cref="Answers"/> says next (e.g. 503, 429 with <c>Retry-After</c>, 302), or holds requests unanswered while
/// <see cref="Hang"/> is set (a dead receiver).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to configure: <c>http://127.0.0.1:{port}/hook</c>.</summary>
    public string Url => new Uri(BaseAddress, "/hook").ToString();

    /// <summary>The secret signatures are checked with; null checks none.</summary>
    public string? Secret { get; set; }

    /// <summary>Answers for the next requests, in order (status, Retry-After seconds); then 200.</summary>
    public ConcurrentQueue<(int Status, int? RetryAfterSeconds)> Answers { get; } = new();

    /// <summary>Hold every request without answering until disposed.</summary>
    public bool Hang { get; set; }

    /// <summary>Requests being held unanswered now.</summary>
    public int Held => _held;

    private int _held;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests to <c>/elsewhere</c> (where redirects point): must stay zero, redirects are not followed.</summary>
    public int RedirectTargetHits => _redirectHits;

    private int _redirectHits;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.ReceiveAsync);
        app.MapPost("/elsewhere", () =>
        {
            Interlocked.Increment(ref receiver._redirectHits);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var received = new Received(
            Encoding.UTF8.GetString(body),
            headers["Klaxon-Event-Id"].ToString(),
            headers["Klaxon-Event-Type"].ToString(),
            headers["Klaxon-Timestamp"].ToString(),
            headers["Klaxon-Signature"].ToString(),
            context.Request.ContentType ?? "",
            Secret is null ? null : Verify(Secret, headers["Klaxon-Signature"].ToString(), body));
        Requests.Enqueue(received);
        if (Hang)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await _release.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up on this attempt.
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
            return;
        }
        if (Answers.TryDequeue(out var answer))
        {
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            if (answer.Status is >= 300 and < 400)
            {
                context.Response.Headers.Location = new Uri(BaseAddress, "/elsewhere").ToString();
            }
            return;
        }
        context.Response.StatusCode = (int)HttpStatusCode.OK;
    }

    /// <summary>The documented check, independently of Klaxon's signer: parse t and v1, HMAC-SHA256 over "{t}.{body}".</summary>
    public static bool Verify(string secret, string header, byte[] body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = hmac.ComputeHash([.. Encoding.UTF8.GetBytes(t + "."), .. body]);
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"The receiver got no matching request; it got: {string.Join(" | ", Requests.Select(r => r.EventType + " " + r.EventId))}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Body, string EventId, string EventType, string Timestamp, string Signature, string ContentType, bool? SignatureValid)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }
}
