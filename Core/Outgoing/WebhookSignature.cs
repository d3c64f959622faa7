using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Klaxon.Outgoing;

/// <summary>
/// How outgoing webhooks are signed: HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes), over
/// <c>{timestamp}.{body}</c>, where the timestamp is Unix seconds and the body the exact bytes sent. Sent as
/// <c>Klaxon-Signature: t={timestamp},v1={lower-case hex}</c> and <c>Klaxon-Timestamp: {timestamp}</c>. Binding the time
/// into the signature lets receivers refuse replays older than a few minutes.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "Klaxon-Signature";
    public const string TimestampHeader = "Klaxon-Timestamp";
    public const string EventIdHeader = "Klaxon-Event-Id";
    public const string EventTypeHeader = "Klaxon-Event-Type";

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Header(string secret, long timestamp, byte[] body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, timestamp, body)}";

    /// <summary>Lower-case hex HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
    public static string Compute(string secret, long timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
