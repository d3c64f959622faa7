using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Klaxon.Accounts;

/// <summary>
/// The text form of a credential: <c>klx_{id}_{secret}</c> for API keys, <c>klc_{id}_{secret}</c> for calendar
/// tokens. The id (12 characters) names the stored row, so checking a credential is one point read; the secret is
/// 32 random bytes (43 base64url characters). Only <see cref="Hash"/> is stored: SHA-256 is enough because the
/// secret has 256 bits of entropy, so there is nothing for a slow hash to protect against guessing.
/// </summary>
public static class CredentialSecret
{
    /// <summary>Characters in an id: 12 base32 characters (60 bits), unique per account with overwhelming odds.</summary>
    public const int IdLength = 12;

    private const int SecretLength = 43;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The prefix of a credential of <paramref name="kind"/>: <c>klx_</c> or <c>klc_</c>.</summary>
    public static string Prefix(CredentialKind kind) => kind == CredentialKind.ApiKey ? "klx_" : "klc_";

    /// <summary>A fresh id.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    /// <summary>A fresh credential for <paramref name="id"/>.</summary>
    public static string New(CredentialKind kind, string id) =>
        $"{Prefix(kind)}{id}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>True when <paramref name="id"/> has the shape <see cref="NewId"/> makes (so it can be used as a row key).</summary>
    public static bool IsId(string? id) => id is { Length: IdLength } && id.All(IdAlphabet.Contains);

    /// <summary>Reads the id out of a presented credential of <paramref name="kind"/>; false for anything of another shape.</summary>
    public static bool TryReadId(string? presented, CredentialKind kind, out string id)
    {
        id = "";
        var prefix = Prefix(kind);
        if (presented is null || presented.Length != prefix.Length + IdLength + 1 + SecretLength
            || !presented.StartsWith(prefix, StringComparison.Ordinal) || presented[prefix.Length + IdLength] != '_')
        {
            return false;
        }
        var candidate = presented.Substring(prefix.Length, IdLength);
        if (!IsId(candidate))
        {
            return false;
        }
        id = candidate;
        return true;
    }

    /// <summary>What is stored of a credential: SHA-256 of its whole text, lower-case hex.</summary>
    public static string Hash(string credential) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    /// <summary>Compares a presented credential with a stored hash in constant time.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
