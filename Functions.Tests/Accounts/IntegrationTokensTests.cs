using Klaxon.Accounts;

namespace Klaxon.Tests.Accounts;

public class IntegrationTokensTests
{
    [Fact]
    public void Hash_is_prefixed_lower_case_sha256_of_utf8()
    {
        // Known SHA-256 test vector for "abc".
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IntegrationTokens.Hash("abc"));
    }

    [Fact]
    public void Hash_encodes_as_utf8()
    {
        // SHA-256 of C3 A9, the UTF-8 bytes of "é" (Latin-1 would hash the single byte E9 instead).
        Assert.Equal("sha256:4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c", IntegrationTokens.Hash("é"));
    }

    [Fact]
    public void Matching_token_matches()
    {
        var token = IntegrationTokens.Generate();

        Assert.True(IntegrationTokens.Matches(token, IntegrationTokens.Hash(token)));
    }

    [Theory]
    [InlineData("wrong-token-0000000000")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_tokens_do_not_match(string? presented)
    {
        Assert.False(IntegrationTokens.Matches(presented, IntegrationTokens.Hash("right-token-0000000000")));
    }

    [Fact]
    public void Nothing_matches_a_missing_hash()
    {
        Assert.False(IntegrationTokens.Matches("right-token-0000000000", null));
        Assert.False(IntegrationTokens.Matches("", null));
        Assert.False(IntegrationTokens.Matches(null, null));
    }

    [Fact]
    public void Empty_token_never_matches_even_its_own_hash()
    {
        Assert.False(IntegrationTokens.Matches("", IntegrationTokens.Hash("")));
    }

    [Fact]
    public void Hash_comparison_is_exact()
    {
        var hash = IntegrationTokens.Hash("right-token-0000000000");

        Assert.False(IntegrationTokens.Matches("right-token-0000000000", hash.ToUpperInvariant()));
        Assert.False(IntegrationTokens.Matches("right-token-0000000000", hash[..^1]));
    }

    [Fact]
    public void Generated_tokens_are_43_base64url_characters_and_unique()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => IntegrationTokens.Generate()).ToList();

        Assert.All(tokens, token =>
        {
            Assert.Equal(43, token.Length);
            Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        });
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void Generated_tokens_pass_the_document_token_rule()
    {
        var document = AccountDocuments.Example();
        document.Integration(0)["token"] = IntegrationTokens.Generate();

        Assert.True(AccountDocuments.Parse(document).IsValid);
    }
}
