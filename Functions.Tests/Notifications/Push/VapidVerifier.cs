using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// A push service's check of <c>Authorization: vapid t=&lt;JWT&gt;, k=&lt;key&gt;</c> (RFC 8292): the JWT is ES256-signed
/// by <c>k</c>, <c>k</c> is the application server key the subscription was made with, <c>aud</c> is the push
/// resource's origin, <c>exp</c> is in the future and at most 24 hours away, <c>sub</c> is the contact.
/// </summary>
public static class VapidVerifier
{
    /// <returns>Null when valid, else which rule failed.</returns>
    public static string? Verify(string? authorization, string audience, string expectedPublicKey, string expectedSubject, DateTimeOffset now)
    {
        if (authorization is null || !authorization.StartsWith("vapid ", StringComparison.OrdinalIgnoreCase))
        {
            return $"Authorization must use the vapid scheme, got '{authorization?.Split(' ')[0] ?? "(none)"}'";
        }
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].ToLowerInvariant(), pair => pair[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key))
        {
            return "Authorization lacks t= or k=";
        }
        if (key != expectedPublicKey)
        {
            return "k is not the application server key the subscription was made with";
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "t is not a JWS compact serialization";
        }
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "ES256")
        {
            return "JWT alg must be ES256";
        }
        var point = Base64Url.DecodeFromChars(key);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        if (!verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return "JWT signature does not verify with k";
        }
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var aud = claims.RootElement.TryGetProperty("aud", out var a) ? a.GetString() : null;
        if (aud != audience)
        {
            return $"aud must be '{audience}', got '{aud}'";
        }
        var exp = claims.RootElement.TryGetProperty("exp", out var e) && e.TryGetInt64(out var seconds) ? seconds : 0;
        if (exp <= now.ToUnixTimeSeconds() || exp > now.AddHours(24).ToUnixTimeSeconds())
        {
            return "exp must be in the future and at most 24 hours away";
        }
        var sub = claims.RootElement.TryGetProperty("sub", out var s) ? s.GetString() : null;
        return sub == expectedSubject ? null : $"sub must be '{expectedSubject}', got '{sub}'";
    }
}
