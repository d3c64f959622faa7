using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// Makes one HTTP attempt at a delivery on the <see cref="HttpClientName"/> client (no redirects, public addresses only,
/// no request logging: chat URLs are secrets), within <see cref="OutgoingOptions.AttemptTimeout"/>. Webhooks are signed
/// (<see cref="WebhookSignature"/>). It never retries itself: each attempt is one queue message, recorded in the log.
/// </summary>
public sealed class OutgoingSender(IHttpClientFactory httpClients, IOptions<OutgoingOptions> options, TimeProvider time)
{
    public const string HttpClientName = "outgoing";

    /// <param name="secret">The webhook's signing secret; null for chat posts (their URL is the credential).</param>
    public async Task<AttemptOutcome> SendAsync(OutgoingDelivery delivery, string url, string? secret, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("Klaxon-Webhooks/1.0");
        if (delivery.Target == OutgoingTargetKind.Webhook)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId);
            request.Headers.Add(WebhookSignature.EventTypeHeader, WebhookPayload.TypeOf(delivery.EventKind));
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            if (secret is not null)
            {
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secret, timestamp, body));
            }
        }
        using var attempt = new CancellationTokenSource(options.Value.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var result = DeliveryRetry.Classify(status);
            var detail = result == AttemptResult.Delivered ? null
                : status is >= 300 and < 400 ? "redirects are not followed"
                : response.ReasonPhrase;
            return new AttemptOutcome(result, status, detail, RetryAfter(response));
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(AttemptResult.Transient, null, $"no answer within {options.Value.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null);
        }
        catch (HttpRequestException failure) when (failure.InnerException is NonPublicAddressException refused)
        {
            return new AttemptOutcome(AttemptResult.Permanent, null, refused.Message, null);
        }
        catch (HttpRequestException failure)
        {
            return new AttemptOutcome(AttemptResult.Transient, null, $"network error: {failure.HttpRequestError.ToWireText()}", null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}

/// <summary>What one attempt came to.</summary>
/// <param name="Status">The HTTP status, when the receiver answered.</param>
/// <param name="Detail">Why it failed, in a few words (never the URL).</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, if any.</param>
public sealed record AttemptOutcome(AttemptResult Result, int? Status, string? Detail, TimeSpan? RetryAfter);

internal static class HttpRequestErrorText
{
    /// <summary><c>ConnectionError</c> → <c>connection error</c>.</summary>
    public static string ToWireText(this HttpRequestError error) =>
        string.Concat(error.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
