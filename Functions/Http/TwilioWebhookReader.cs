using Klaxon.Notifications.Twilio;
using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>Takes from a request what <see cref="TwilioSignature"/> checks, so the verifier needs no HTTP types.</summary>
public static class TwilioWebhookReader
{
    /// <summary>
    /// The path as sent (still escaped), the raw query, the signature header and the Content-Type; the body is left
    /// unread for the verifier, which reads at most <see cref="TwilioSignature.MaxBodyBytes"/>. Never the Host header:
    /// the signed URL is rebuilt from the public base URL.
    /// </summary>
    public static TwilioWebhook ToTwilioWebhook(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new TwilioWebhook(
            request.Path.ToUriComponent(),
            request.QueryString.Value,
            request.Headers[TwilioSignature.Header].ToString() is { Length: > 0 } signature ? signature : null,
            request.ContentType,
            request.Body);
    }
}
