using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// A push service on loopback (Kestrel, real HTTP), standing in for FCM or Mozilla's autopush. It hands out
/// subscriptions the way a browser would (a fresh P-256 key pair and 16-byte auth secret, endpoint
/// <c>http://127.0.0.1:{port}/push/{id}</c>), and for every message it receives checks the VAPID header and decrypts the
/// aes128gcm body with the subscription's private key, recording what it found. Each subscription answers 201 unless
/// told to answer something else (404, 410, 429, 500...).
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PushSubscriptionEndpoint> _subscriptions = new(StringComparer.Ordinal);

    private LocalPushService(WebApplication app, string vapidPublicKey, string subject)
    {
        _app = app;
        VapidPublicKey = vapidPublicKey;
        Subject = subject;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The VAPID key and contact this service expects, as a subscription made with that key would.</summary>
    public string VapidPublicKey { get; }

    public string Subject { get; }

    /// <summary>Messages posted to endpoints this service never issued (answered 404).</summary>
    public int UnknownEndpointHits => _unknownHits;

    private int _unknownHits;

    public static async Task<LocalPushService> StartAsync(string vapidPublicKey, string subject)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new LocalPushService(app, vapidPublicKey, subject);
        app.MapPost("/push/{id}", service.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.BaseAddress = new Uri(address);
        return service;
    }

    /// <summary>A new subscription, as <c>pushManager.subscribe</c> would create in a browser.</summary>
    public PushSubscriptionEndpoint Subscribe()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var subscription = new PushSubscriptionEndpoint(id, new Uri(BaseAddress, $"/push/{id}").ToString(),
            ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
        _subscriptions[id] = subscription;
        return subscription;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, string id)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            Interlocked.Increment(ref _unknownHits);
            return Results.StatusCode(404);
        }
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        // The push resource's origin (RFC 8292 section 2): scheme, host and, as here, a non-default port.
        var origin = new Uri(subscription.Endpoint).GetLeftPart(UriPartial.Authority);
        var vapidError = VapidVerifier.Verify(headers.Authorization.ToString(), origin, VapidPublicKey, Subject, DateTimeOffset.UtcNow);
        string? plaintext = null, decryptError = null;
        if (headers.ContentEncoding.ToString() != "aes128gcm")
        {
            decryptError = $"Content-Encoding must be aes128gcm, got '{headers.ContentEncoding}'";
        }
        else
        {
            try
            {
                plaintext = Aes128GcmDecryptor.DecryptText(body, subscription.Key, subscription.AuthSecret);
            }
            catch (CryptographicException failed)
            {
                decryptError = failed.Message;
            }
        }
        var status = subscription.NextStatus() ?? (vapidError is not null ? 403 : decryptError is not null ? 400 : 201);
        subscription.Record(new ReceivedPush(status, vapidError, plaintext, decryptError, body,
            headers["TTL"].ToString(), headers["Urgency"].ToString(), headers["Topic"].ToString()));
        if (status == 201)
        {
            context.Response.Headers.Location = $"/message/{Guid.NewGuid():N}";
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Key.Dispose();
        }
    }
}

/// <summary>One browser's subscription at <see cref="LocalPushService"/>: its endpoint, private key and auth secret.</summary>
public sealed class PushSubscriptionEndpoint(string id, string endpoint, ECDiffieHellman key, byte[] authSecret)
{
    private readonly ConcurrentQueue<int> _next = new();
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private int? _always;

    public string Id { get; } = id;

    public string Endpoint { get; } = endpoint;

    public ECDiffieHellman Key { get; } = key;

    public byte[] AuthSecret { get; } = authSecret;

    /// <summary>Base64url uncompressed public key, as <c>toJSON().keys.p256dh</c>.</summary>
    public string P256dh => Base64Url.EncodeToString(Aes128GcmDecryptor.PublicKeyBytes(Key));

    public string Auth => Base64Url.EncodeToString(AuthSecret);

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    /// <summary>The next requests get these statuses, in order; then 201 again.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _next.Enqueue(status);
        }
    }

    /// <summary>Every request gets this status from now on.</summary>
    public void AlwaysAnswer(int status) => _always = status;

    /// <summary>What <c>PushSubscription.toJSON()</c> gives a web app.</summary>
    public string ToJson() => new JsonObject
    {
        ["endpoint"] = Endpoint,
        ["expirationTime"] = null,
        ["keys"] = new JsonObject { ["p256dh"] = P256dh, ["auth"] = Auth },
    }.ToJsonString();

    internal int? NextStatus() => _next.TryDequeue(out var status) ? status : _always;

    internal void Record(ReceivedPush push) => _received.Enqueue(push);
}

/// <summary>One message as the push service saw it.</summary>
/// <param name="VapidError">Null when the VAPID header was valid, else the rule it broke.</param>
/// <param name="Plaintext">The decrypted payload, null when decryption failed (see <paramref name="DecryptError"/>).</param>
public sealed record ReceivedPush(
    int Status,
    string? VapidError,
    string? Plaintext,
    string? DecryptError,
    byte[] Body,
    string Ttl,
    string Urgency,
    string Topic);
