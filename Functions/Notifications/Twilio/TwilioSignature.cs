using Klaxon.Common;
using Klaxon.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// Verifies that a webhook request comes from Twilio (<c>X-Twilio-Signature</c>) and returns its form parameters.
/// The signed URL is rebuilt from <see cref="KlaxonOptions.PublicBaseUrl"/>, the request path and the raw query:
/// that is the URL Twilio was given, whereas the Host header names whatever proxy or front door forwarded the request.
/// Nothing about a request that fails is trusted; the function answers 403 and changes nothing.
/// </summary>
public sealed partial class TwilioSignature(
    IOptions<NotificationsOptions> notifications, IOptions<KlaxonOptions> klaxon, ILogger<TwilioSignature> logger)
{
    /// <summary>Largest form body read: 64 KiB. An SMS body is at most 1,600 characters; a callback has a few dozen fields.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const string Header = "X-Twilio-Signature";

    /// <summary>The verified request, or null (already logged) when it must be refused with 403.</summary>
    public async Task<TwilioRequest?> VerifyAsync(SignedWebhook request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        var shown = SecretRedaction.Redact(path)!; // logged; the path itself may be anything a caller sent
        var authToken = notifications.Value.Twilio.AuthToken;
        var baseUrl = klaxon.Value.PublicBaseUrl;
        if (!SecretSettings.IsSet(authToken) || !SecretSettings.IsSet(baseUrl))
        {
            // Without both there is no way to tell Twilio from anyone else.
            LogRefused(shown, "Notifications:Twilio:AuthToken or Klaxon:PublicBaseUrl is not set");
            return null;
        }
        var signature = request.Signature;
        if (string.IsNullOrEmpty(signature))
        {
            LogRefused(shown, "no X-Twilio-Signature header");
            return null;
        }
        if (!FormBody.IsForm(request.ContentType))
        {
            LogRefused(shown, "the body is not application/x-www-form-urlencoded");
            return null;
        }
        if (await BoundedBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            LogRefused(shown, $"the body is larger than {MaxBodyBytes} bytes");
            return null;
        }
        // A repeated field is refused: the signature algorithm concatenates each key with one value, so it cannot be
        // verified as Twilio meant it.
        if (FormBody.ParseUniqueFields(body) is not { } form)
        {
            LogRefused(shown, "the form is malformed or repeats a field");
            return null;
        }
        var url = baseUrl!.TrimEnd('/') + path + request.QueryString;
        // RequestValidator keeps one HMAC instance, which is not thread-safe: one validator per request.
        if (!new RequestValidator(authToken).Validate(url, form, signature))
        {
            LogRefused(shown, "the signature does not match");
            return null;
        }
        return new TwilioRequest(url, form);
    }

    // The signature and token are never logged: only which rule refused the request.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio webhook to {Path}: {Reason}")]
    private partial void LogRefused(string path, string reason);
}

/// <summary>A webhook request whose signature was verified: the URL Twilio signed and its form parameters.</summary>
public sealed record TwilioRequest(string Url, IReadOnlyDictionary<string, string> Form)
{
    /// <summary>A form field, or null when absent or empty.</summary>
    public string? Field(string name) => Form.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
