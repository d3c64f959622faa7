using System.Security.Cryptography;
using Klaxon.Accounts;
using Klaxon.Http;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Lib.Net.Http.WebPush.Authentication;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Klaxon.Notifications.Push;

/// <summary>
/// The push channel: Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291), through
/// Lib.Net.Http.WebPush on the resilient <see cref="HttpClientName"/> client. A page goes to every browser the user
/// subscribed; a subscription the push service calls gone (404/410) is deleted.
/// </summary>
public sealed partial class WebPushSender(
    IHttpClientFactory httpClients,
    PushSubscriptionStore subscriptions,
    PushEndpointPolicy endpoints,
    ActionLinks links,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<WebPushSender> logger) : IChannelSender
{
    /// <summary>The named HttpClient, with <see cref="Delivery.ProviderResilience"/>'s retry (5xx, 408, 429, network errors only).</summary>
    public const string HttpClientName = "webpush";

    /// <summary>How long a push service keeps an undelivered page: 1 hour. Older than that, escalation has moved on.</summary>
    public const int TimeToLiveSeconds = 3600;

    public NotificationChannel Channel => NotificationChannel.Push;

    public bool IsConfigured => options.Value.WebPush.IsConfigured;

    public async Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return SendResult.Permanent("push is not configured (Notifications:WebPush)");
        }
        if (CheckSettings() is { } problem)
        {
            return SendResult.Permanent(problem);
        }
        var targets = await subscriptions.ListAsync(page.AccountId, page.UserId, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return SendResult.Permanent("no push subscriptions registered");
        }
        var json = PushPayload.Create(page, links);
        var topic = PushPayload.Topic(page);
        var http = httpClients.CreateClient(HttpClientName);
        // In parallel: one push service retrying with backoff must not hold back the user's other browsers.
        var attempts = await Task.WhenAll(targets.Select(target => SendOneAsync(http, target, json, topic, cancellationToken))).ConfigureAwait(false);
        foreach (var gone in attempts.Where(a => a.Kind == AttemptKind.Gone))
        {
            await RemoveGoneAsync(page, gone.Subscription, cancellationToken).ConfigureAwait(false);
        }
        var result = Summarize(attempts);
        LogSent(page.JobId, page.AccountId, page.UserId, result.Outcome, attempts.Count(a => a.Kind == AttemptKind.Delivered), attempts.Length);
        return result;
    }

    private static SendResult Summarize(Attempt[] attempts)
    {
        var delivered = attempts.Count(a => a.Kind == AttemptKind.Delivered);
        var failures = attempts.Where(a => a.Kind != AttemptKind.Delivered).ToList();
        var detail = failures.Count == 0 ? null : string.Join("; ", failures.Select(f => $"{Short(f.Subscription.Id)}: {f.Detail}"));
        if (delivered > 0)
        {
            return SendResult.Accepted($"{delivered} of {attempts.Length} subscriptions", detail);
        }
        if (failures.Any(f => f.Kind == AttemptKind.Transient))
        {
            return SendResult.Transient(detail!);
        }
        return failures.All(f => f.Kind == AttemptKind.Gone)
            ? SendResult.Permanent($"all subscriptions gone ({detail})")
            : SendResult.Permanent(detail!);
    }

    private async Task<Attempt> SendOneAsync(HttpClient http, StoredPushSubscription target, string json, string? topic, CancellationToken cancellationToken)
    {
        if (endpoints.Check(target.Endpoint) is not null)
        {
            // Stored before the rule, or by a route that skipped it: never sent anywhere but a push service.
            LogSubscriptionFailed(Short(target.Id), 0, AttemptKind.Refused);
            return new Attempt(target, AttemptKind.Refused, "endpoint not allowed");
        }
        var subscription = new PushSubscription { Endpoint = target.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, target.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, target.Auth);
        var message = new PushMessage(json) { TimeToLive = TimeToLiveSeconds, Urgency = PushMessageUrgency.High, Topic = topic };
        // The library's own 429 loop is off: the HttpClient's resilience handler already retries 429 with backoff.
        var client = new PushServiceClient(http) { AutoRetryAfter = false };
        try
        {
            // One VAPID signer per request: it carries a token for this endpoint's origin and holds an ECDsa key, not
            // documented as thread-safe.
            using var authentication = CreateAuthentication(new Uri(target.Endpoint));
            await client.RequestPushMessageDeliveryAsync(subscription, message, authentication, VapidAuthenticationScheme.Vapid, cancellationToken)
                .ConfigureAwait(false);
            return new Attempt(target, AttemptKind.Delivered, "201");
        }
        catch (PushServiceClientException refused)
        {
            var status = (int)refused.StatusCode;
            var kind = status switch
            {
                404 or 410 => AttemptKind.Gone,
                408 or 429 or >= 500 => AttemptKind.Transient,
                _ => AttemptKind.Refused,
            };
            LogSubscriptionFailed(Short(target.Id), status, kind);
            return new Attempt(target, kind, $"{status} {refused.StatusCode}");
        }
        catch (HttpRequestException blocked) when (blocked.InnerException is NonPublicAddressException)
        {
            LogSubscriptionFailed(Short(target.Id), 0, AttemptKind.Refused);
            return new Attempt(target, AttemptKind.Refused, "endpoint resolves to a non-public address");
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutRejectedException
            || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Network errors and timeouts left over after the resilience handler's retries.
            LogSubscriptionFailed(Short(target.Id), 0, AttemptKind.Transient);
            return new Attempt(target, AttemptKind.Transient, failure is HttpRequestException network ? $"network error ({network.HttpRequestError})" : "timed out");
        }
        catch (Exception unusable) when (unusable is ArgumentException or FormatException or CryptographicException)
        {
            // Keys that passed validation at registration but the library cannot use: this browser cannot be reached.
            LogSubscriptionFailed(Short(target.Id), 0, AttemptKind.Refused);
            return new Attempt(target, AttemptKind.Refused, "subscription keys unusable");
        }
    }

    private async Task RemoveGoneAsync(OutgoingPage page, StoredPushSubscription gone, CancellationToken cancellationToken)
    {
        if (await subscriptions.TryRemoveAsync(page.AccountId, page.UserId, gone.Id, cancellationToken).ConfigureAwait(false) is { } status)
        {
            // The next page finds it gone again and retries the removal; the outcome of this page stands.
            LogRemoveFailed(Short(gone.Id), status);
            return;
        }
        LogRemoved(Short(gone.Id), page.AccountId, page.UserId);
    }

    private VapidAuthentication CreateAuthentication(Uri endpoint)
    {
        var settings = options.Value.WebPush;
        return new VapidAuthentication(settings.VapidPublicKey!, settings.VapidPrivateKey!)
        {
            Subject = settings.Subject,
            TokenCache = new VapidToken.Fixed(VapidToken.Create(endpoint, settings, time.GetUtcNow())),
        };
    }

    /// <summary>The settings' problem in words that name no value, or null when the library accepts them.</summary>
    private string? CheckSettings()
    {
        try
        {
            using var authentication = CreateAuthentication(new Uri("https://push.invalid/"));
            return null;
        }
        catch (Exception invalid) when (invalid is ArgumentException or FormatException or CryptographicException)
        {
            LogInvalidSettings(invalid.GetType().Name);
            return "push settings are invalid: Notifications:WebPush:VapidPublicKey must be base64url of a 65-byte P-256 point, "
                + "VapidPrivateKey base64url of its 32-byte private key, Subject a mailto: or https: URL";
        }
    }

    /// <summary>Enough of the id to tell subscriptions apart in logs and details.</summary>
    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private enum AttemptKind
    {
        Delivered,
        Gone,
        Transient,
        Refused,
    }

    private sealed record Attempt(StoredPushSubscription Subscription, AttemptKind Kind, string Detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {JobId} to {AccountId}/{UserId}: {Outcome}, {Delivered} of {Total} subscriptions")]
    private partial void LogSent(string jobId, string accountId, string userId, SendOutcome outcome, int delivered, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push subscription {SubscriptionId} failed: status {Status} ({Kind})")]
    private partial void LogSubscriptionFailed(string subscriptionId, int status, AttemptKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed push subscription {SubscriptionId} of {AccountId}/{UserId}: the push service says it is gone")]
    private partial void LogRemoved(string subscriptionId, string accountId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove gone push subscription {SubscriptionId} (storage status {Status})")]
    private partial void LogRemoveFailed(string subscriptionId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifications:WebPush settings are rejected by the Web Push library ({ExceptionType}); push pages cannot be sent")]
    private partial void LogInvalidSettings(string exceptionType);
}
