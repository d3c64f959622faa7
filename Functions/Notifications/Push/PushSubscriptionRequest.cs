using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Notifications.Push;

/// <summary>
/// Reads and checks a browser's <c>PushSubscription.toJSON()</c>:
/// <c>{"endpoint":"https://...","expirationTime":null,"keys":{"p256dh":"...","auth":"..."}}</c>. Every problem is
/// reported, by field, so a web app learns all that is wrong at once.
/// </summary>
public static class PushSubscriptionRequest
{
    /// <summary>Largest body accepted: 16 KiB, several times a real subscription.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Longest endpoint accepted: 2048 characters (push services' endpoints are a few hundred).</summary>
    public const int MaxEndpointLength = 2048;

    /// <param name="root">The body, already parsed as JSON (invalid JSON is refused before this).</param>
    /// <returns>The subscription, or null with the errors.</returns>
    public static (PushSubscriptionKeys? Subscription, IReadOnlyList<FieldError> Errors) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("body", "must be a JSON object, the browser's PushSubscription.toJSON()")]);
        }
        var errors = new List<FieldError>();
        var endpoint = CheckEndpoint(root, errors);
        string? p256dh = null, auth = null;
        if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("keys", "is required: an object with p256dh and auth"));
        }
        else if (keys.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("keys", "must be an object with p256dh and auth"));
        }
        else
        {
            p256dh = CheckKey(keys, "p256dh", errors, IsP256Point,
                "must be base64url of an uncompressed P-256 public key (65 bytes starting 0x04, a point on the curve)");
            auth = CheckKey(keys, "auth", errors, bytes => bytes.Length == 16, "must be base64url of 16 bytes");
        }
        return errors.Count > 0 ? (null, errors) : (new PushSubscriptionKeys(endpoint!, p256dh!, auth!), errors);
    }

    private static string? CheckEndpoint(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("endpoint", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            errors.Add(new FieldError("endpoint", "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError("endpoint", "must be a string"));
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > MaxEndpointLength)
        {
            errors.Add(new FieldError("endpoint", $"must be at most {MaxEndpointLength} characters"));
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            errors.Add(new FieldError("endpoint", "must be an absolute https URL"));
            return null;
        }
        // Plain http would expose the push service's capability URL and VAPID token on the wire; it is allowed only for a
        // receiver on this machine (tests, local push services).
        if (uri.Scheme == "http" && !IsLoopback(uri))
        {
            errors.Add(new FieldError("endpoint", "must be an https URL (http only for loopback hosts)"));
            return null;
        }
        return text;
    }

    private static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? CheckKey(JsonElement keys, string name, List<FieldError> errors, Func<byte[], bool> isValid, string rule)
    {
        var field = "keys." + name;
        if (!keys.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
        {
            errors.Add(new FieldError(field, "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, "must be a string"));
            return null;
        }
        var text = value.GetString()!;
        if (!TryDecode(text, out var bytes) || !isValid(bytes))
        {
            errors.Add(new FieldError(field, rule));
            return null;
        }
        // Stored in the canonical unpadded form the Web Push library and browsers use.
        return Base64Url.EncodeToString(bytes);
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        // Some clients pad their base64url; the padding carries nothing.
        var trimmed = text.TrimEnd('=');
        if (!Base64Url.IsValid(trimmed))
        {
            return false;
        }
        bytes = Base64Url.DecodeFromChars(trimmed);
        return true;
    }

    /// <summary>Importing the point makes the platform check it is on P-256; a random 65-byte string is not.</summary>
    private static bool IsP256Point(byte[] key)
    {
        if (key.Length != 65 || key[0] != 0x04)
        {
            return false;
        }
        try
        {
            using var ecdh = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
