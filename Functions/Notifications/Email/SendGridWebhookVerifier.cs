using Klaxon.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Email;

/// <summary>Why an event webhook request was or was not accepted; everything but <see cref="Valid"/> means 403.</summary>
public enum WebhookSignatureCheck
{
    Valid,

    /// <summary><c>Notifications:SendGrid:WebhookPublicKey</c> is unset or is not a base64 DER P-256 public key.</summary>
    NoKey,

    /// <summary>The signature or timestamp header is missing.</summary>
    MissingHeaders,

    /// <summary>The signature header is not base64.</summary>
    Malformed,

    /// <summary>The signature does not match the timestamp and body.</summary>
    Invalid,
}

/// <summary>
/// Verifies SendGrid's signed event webhook: <c>X-Twilio-Email-Event-Webhook-Signature</c> is a base64 DER ECDSA
/// P-256/SHA-256 signature over the <c>X-Twilio-Email-Event-Webhook-Timestamp</c> header's UTF-8 bytes followed by the
/// raw body, checked with the verification key SendGrid shows (base64 DER SubjectPublicKeyInfo).
/// </summary>
public sealed class SendGridWebhookVerifier(IOptions<NotificationsOptions> options)
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    public WebhookSignatureCheck Verify(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        var publicKey = options.Value.SendGrid.WebhookPublicKey;
        if (!SecretSettings.IsSet(publicKey))
        {
            return WebhookSignatureCheck.NoKey;
        }
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return WebhookSignatureCheck.MissingHeaders;
        }
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return WebhookSignatureCheck.Malformed;
        }
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey!.Trim()), out _);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return WebhookSignatureCheck.NoKey;
        }
        var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[timestampBytes.Length + body.Length];
        timestampBytes.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(timestampBytes.Length));
        try
        {
            return key.VerifyData(signed, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? WebhookSignatureCheck.Valid
                : WebhookSignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            // A signature that is base64 but not a DER sequence.
            return WebhookSignatureCheck.Invalid;
        }
    }
}
