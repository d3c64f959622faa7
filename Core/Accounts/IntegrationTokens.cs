using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Klaxon.Accounts;

/// <summary>
/// Integration tokens are secrets sent by alert sources. Only their hash is stored, so a leaked
/// configuration table does not let anyone open incidents.
/// </summary>
public static class IntegrationTokens
{
    private const string Prefix = "sha256:";

    // Stands in for a missing stored hash so that "no such integration" costs the same as "wrong token".
    // It has the normal shape, and no token can match it because the caller's null check wins anyway.
    private static readonly string DummyHash = Prefix + new string('0', 64);

    /// <summary>"sha256:" followed by the lower-case hex SHA-256 of the UTF-8 token.</summary>
    /// <remarks>
    /// A plain, unsalted hash is enough here: tokens are 128- or 256-bit random values (see <see cref="Generate(IntegrationType)"/>)
    /// or at least 16 characters chosen by a machine, not passwords, so there is nothing to brute-force.
    /// </remarks>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>
    /// True when <paramref name="presentedToken"/> hashes to <paramref name="storedHash"/>. False when either is
    /// null or empty. Takes the same time whether or not a hash is stored, and compares in constant time.
    /// </summary>
    public static bool Matches(string? presentedToken, string? storedHash)
    {
        var presented = Encoding.ASCII.GetBytes(Hash(presentedToken ?? ""));
        var expected = Encoding.ASCII.GetBytes(storedHash ?? DummyHash);
        var equal = CryptographicOperations.FixedTimeEquals(presented, expected);
        // Non-short-circuit '&' so every call evaluates the same operations.
        return equal & (storedHash is not null) & !string.IsNullOrEmpty(presentedToken);
    }

    /// <summary>A new random token: 32 bytes from a CSPRNG as unpadded base64url (43 characters).</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// A new token for an integration of <paramref name="type"/>: for <see cref="IntegrationType.Pagerduty"/>, 16 bytes
    /// from a CSPRNG as 32 lower-case hex characters, the shape of a PagerDuty integration key (some senders check it);
    /// otherwise <see cref="Generate()"/>.
    /// </summary>
    public static string Generate(IntegrationType type) =>
        type == IntegrationType.Pagerduty ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : Generate();
}
