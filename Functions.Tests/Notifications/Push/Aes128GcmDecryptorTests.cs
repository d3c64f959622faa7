using System.Buffers.Text;
using System.Security.Cryptography;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>The test receiver's decryption is checked against the RFC's own example before it is trusted to check the sender.</summary>
public class Aes128GcmDecryptorTests
{
    // RFC 8291 Appendix A.
    private const string UserAgentPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string UserAgentPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Body =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
        + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Fact]
    public void Decrypts_the_RFC_8291_example()
    {
        using var key = RfcUserAgentKey();

        Assert.Equal("When I grow up, I want to be a watermelon", Aes128GcmDecryptor.DecryptText(Base64Url.DecodeFromChars(Body), key, Base64Url.DecodeFromChars(AuthSecret)));
    }

    [Fact]
    public void A_wrong_auth_secret_fails_authentication()
    {
        using var key = RfcUserAgentKey();
        var wrong = Base64Url.DecodeFromChars(AuthSecret);
        wrong[0] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => Aes128GcmDecryptor.Decrypt(Base64Url.DecodeFromChars(Body), key, wrong));
    }

    [Fact]
    public void A_different_private_key_fails_authentication()
    {
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        Assert.ThrowsAny<CryptographicException>(() =>
            Aes128GcmDecryptor.Decrypt(Base64Url.DecodeFromChars(Body), other, Base64Url.DecodeFromChars(AuthSecret)));
    }

    [Fact]
    public void A_flipped_ciphertext_bit_fails_authentication()
    {
        using var key = RfcUserAgentKey();
        var body = Base64Url.DecodeFromChars(Body);
        body[^20] ^= 0x80;

        Assert.ThrowsAny<CryptographicException>(() => Aes128GcmDecryptor.Decrypt(body, key, Base64Url.DecodeFromChars(AuthSecret)));
    }

    private static ECDiffieHellman RfcUserAgentKey()
    {
        var point = Base64Url.DecodeFromChars(UserAgentPublic);
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url.DecodeFromChars(UserAgentPrivate),
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
    }
}
