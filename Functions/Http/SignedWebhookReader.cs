using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>
/// A webhook request as it arrived, before its signature is checked: the parts a provider's signature covers or depends
/// on, without HTTP types, so the verifiers (Twilio's, for one) are plain classes.
/// </summary>
/// <param name="Path">The request path as sent, still escaped (<c>/twilio/status</c>).</param>
/// <param name="QueryString">The raw query with its <c>?</c>, or null/empty when there is none.</param>
/// <param name="Signature">The signature header's value, or null when absent.</param>
/// <param name="Body">The unread body: the verifier decides how much of it to read.</param>
public sealed record SignedWebhook(string Path, string? QueryString, string? Signature, string? ContentType, Stream Body);

/// <summary>Takes from a request what a signature verifier checks.</summary>
public static class SignedWebhookReader
{
    /// <summary>
    /// The path as sent (still escaped), the raw query, the <paramref name="signatureHeader"/> and the Content-Type; the
    /// body is left unread. Never the Host header: verifiers rebuild the signed URL from the public base URL.
    /// </summary>
    public static SignedWebhook ToSignedWebhook(this HttpRequest request, string signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SignedWebhook(
            request.Path.ToUriComponent(),
            request.QueryString.Value,
            request.Headers[signatureHeader].ToString() is { Length: > 0 } signature ? signature : null,
            request.ContentType,
            request.Body);
    }
}
