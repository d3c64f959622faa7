using Klaxon.Accounts;

namespace Klaxon.Tests.Accounts.Access;

public sealed class CredentialSecretTests
{
    [Theory]
    [InlineData(CredentialKind.ApiKey, "klx_")]
    [InlineData(CredentialKind.CalendarToken, "klc_")]
    public void A_new_credential_names_its_id_and_only_its_hash_matches(CredentialKind kind, string prefix)
    {
        var id = CredentialSecret.NewId();
        var secret = CredentialSecret.New(kind, id);
        var hash = CredentialSecret.Hash(secret);

        Assert.StartsWith(prefix + id + "_", secret, StringComparison.Ordinal);
        Assert.True(CredentialSecret.TryReadId(secret, kind, out var read));
        Assert.Equal(id, read);
        Assert.True(CredentialSecret.Matches(secret, hash));
        Assert.False(CredentialSecret.Matches(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), hash));
        Assert.DoesNotContain(secret[(prefix.Length + id.Length + 1)..], hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_credentials_for_the_same_id_differ()
    {
        var id = CredentialSecret.NewId();

        Assert.NotEqual(CredentialSecret.New(CredentialKind.ApiKey, id), CredentialSecret.New(CredentialKind.ApiKey, id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("klx_")]
    [InlineData("klc_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // a calendar token is not an API key
    [InlineData("klx_ABCDEFGHIJKL_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // upper case is not an id
    [InlineData("klx_abcdefghijkl-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("klx_abcdefghijkl_AAAA")]
    [InlineData("klx_abc/efghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // never a row key with '/'
    public void Anything_of_another_shape_names_no_id(string? presented)
    {
        Assert.False(CredentialSecret.TryReadId(presented, CredentialKind.ApiKey, out _));
    }
}
