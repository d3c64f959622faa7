using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lib.Net.Http.WebPush.Authentication;

namespace Klaxon.Notifications.Push;

/// <summary>
/// The VAPID JWT (RFC 8292): ES256, <c>aud</c> = the push endpoint's origin, <c>exp</c> = <see cref="Lifetime"/> from
/// now, <c>sub</c> = the contact. Lib.Net.Http.WebPush 3.3.1 would sign <c>aud</c> as scheme and host only, which is
/// wrong for an endpoint on a non-default port (a self-hosted or local push service refuses it); its token cache hook
/// hands it this token instead, and it still writes the <c>vapid t=..., k=...</c> header.
/// </summary>
public static class VapidToken
{
    /// <summary>How long a token is valid: 12 hours (RFC 8292 allows at most 24).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly string Header = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ES256"}"""u8);

    /// <summary><c>scheme://host[:port]</c>, the port only when not the scheme's default, never user info.</summary>
    public static string Origin(Uri endpoint) => $"{endpoint.Scheme}://{endpoint.Authority}";

    public static string Create(Uri endpoint, WebPushOptions settings, DateTimeOffset now)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Claims(Origin(endpoint), now.Add(Lifetime).ToUnixTimeSeconds(), settings.Subject!));
        var input = $"{Header}.{Base64Url.EncodeToString(claims)}";
        var point = Base64Url.DecodeFromChars(settings.VapidPublicKey);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url.DecodeFromChars(settings.VapidPrivateKey),
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Lower-case claim names as RFC 7519 spells them.</summary>
    private sealed record Claims(
        [property: System.Text.Json.Serialization.JsonPropertyName("aud")] string Aud,
        [property: System.Text.Json.Serialization.JsonPropertyName("exp")] long Exp,
        [property: System.Text.Json.Serialization.JsonPropertyName("sub")] string Sub);

    /// <summary>Gives the library one prepared token, whatever audience it asks for.</summary>
    internal sealed class Fixed(string token) : IVapidTokenCache
    {
        public string Get(string audience) => token;

        public void Put(string audience, DateTimeOffset expiration, string token)
        {
            // Nothing to remember: a new token is made per request.
        }
    }
}
