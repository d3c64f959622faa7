using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// The browser's side of Web Push encryption: decrypts an <c>aes128gcm</c> body (RFC 8188) with the subscription's
/// private key and auth secret as RFC 8291 derives the keys. Written from the RFCs with .NET's own primitives, not the
/// Web Push library, so a test that decrypts what the library sent checks the library against the standard.
/// </summary>
public static class Aes128GcmDecryptor
{
    private const int TagBytes = 16;

    /// <summary>The plaintext, without its padding.</summary>
    /// <exception cref="CryptographicException">The body was not encrypted for this key and auth secret, or is malformed.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> body, ECDiffieHellman userAgentKey, ReadOnlySpan<byte> authSecret)
    {
        // Header: salt(16) | rs(4, big-endian) | idlen(1) | keyid(idlen) = the sender's ephemeral public key.
        if (body.Length < 21)
        {
            throw new CryptographicException("The body is shorter than an aes128gcm header.");
        }
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body[16..20]);
        int keyIdLength = body[20];
        if (keyIdLength != 65 || body.Length < 21 + keyIdLength + TagBytes)
        {
            throw new CryptographicException($"keyid must be a 65-byte P-256 point, got {keyIdLength} bytes.");
        }
        var senderPublic = body.Slice(21, keyIdLength);
        var record = body[(21 + keyIdLength)..];
        // Web Push sends exactly one record (RFC 8291 section 4); more would mean the payload was too large.
        if (record.Length > recordSize)
        {
            throw new CryptographicException($"Expected one record of at most {recordSize} bytes, got {record.Length} bytes.");
        }

        var userAgentPublic = PublicKeyBytes(userAgentKey);
        using var sender = ImportPublic(senderPublic);
        var ecdhSecret = userAgentKey.DeriveRawSecretAgreement(sender.PublicKey);

        // RFC 8291 section 3.4: PRK_key = HMAC(auth_secret, ecdh_secret); IKM = HMAC(PRK_key, key_info || 0x01).
        var prkKey = HMACSHA256.HashData(authSecret, ecdhSecret);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. userAgentPublic, .. senderPublic, 0x01];
        var ikm = HMACSHA256.HashData(prkKey, keyInfo);
        // RFC 8188 section 2.2: PRK = HMAC(salt, IKM); CEK and NONCE are the first bytes of one HKDF-Expand block each.
        var prk = HMACSHA256.HashData(salt, ikm);
        byte[] cekInfo = [.. "Content-Encoding: aes128gcm\0"u8, 0x01];
        byte[] nonceInfo = [.. "Content-Encoding: nonce\0"u8, 0x01];
        var cek = HMACSHA256.HashData(prk, cekInfo)[..16];
        var nonce = HMACSHA256.HashData(prk, nonceInfo)[..12];

        var ciphertext = record[..^TagBytes];
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(cek, TagBytes))
        {
            aes.Decrypt(nonce, ciphertext, record[^TagBytes..], plaintext);
        }
        // Padding: the content, then 0x02 (last record), then zero or more 0x00.
        var end = plaintext.AsSpan().LastIndexOfAnyExcept((byte)0);
        if (end < 0 || plaintext[end] != 0x02)
        {
            throw new CryptographicException("The record does not end with the last-record delimiter 0x02.");
        }
        return plaintext[..end];
    }

    public static string DecryptText(ReadOnlySpan<byte> body, ECDiffieHellman userAgentKey, ReadOnlySpan<byte> authSecret) =>
        Encoding.UTF8.GetString(Decrypt(body, userAgentKey, authSecret));

    /// <summary>The uncompressed point <c>0x04 | X | Y</c>.</summary>
    public static byte[] PublicKeyBytes(ECDiffieHellman key)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> point) => ECDiffieHellman.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = point[1..33].ToArray(), Y = point[33..65].ToArray() },
    });
}
