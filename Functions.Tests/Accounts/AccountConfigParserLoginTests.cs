using System.Text.Json.Nodes;
using Klaxon.Accounts;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

/// <summary>Users' <c>logins</c> (who signs in to the app as them) and <c>role</c> (what they may do there).</summary>
public class AccountConfigParserLoginTests
{
    [Fact]
    public void Logins_and_role_are_read_and_default_to_none_and_responder()
    {
        var document = Example();
        document.User(0)["logins"] = new JsonArray("Alice@Example.com", "alice@corp.example.com");
        document.User(0)["role"] = "admin";

        var config = Assert.IsType<AccountConfig>(Parse(document).Config);

        Assert.Equal(["Alice@Example.com", "alice@corp.example.com"], config.Users[0].SignInNames);
        Assert.Equal(UserRole.Admin, config.Users[0].Role);
        Assert.Empty(config.Users[1].SignInNames);
        Assert.Equal(UserRole.Responder, config.Users[1].Role);
        Assert.Same(config.Users[0], config.FindUserByLogin("alice@EXAMPLE.com"));
        Assert.Null(config.FindUserByLogin("bob@example.com"));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("alice@@example.com")]
    public void A_login_must_be_a_sign_in_name(string login)
    {
        var document = Example();
        document.User(1)["logins"] = new JsonArray("bob@example.com", login);

        AssertSingleError(document, "$.users[1].logins[1]", "must be a sign-in name");
    }

    [Fact]
    public void A_login_that_is_not_a_string_is_reported_at_its_path()
    {
        var document = Example();
        document.User(1)["logins"] = new JsonArray(42);

        AssertSingleError(document, "$.users[1].logins[0]", "must be a sign-in name");
    }

    [Fact]
    public void Logins_must_be_an_array()
    {
        var document = Example();
        document.User(1)["logins"] = "bob@example.com";

        AssertSingleError(document, "$.users[1].logins", "must be an array");
    }

    [Fact]
    public void A_login_belongs_to_one_user_only_ignoring_case()
    {
        var document = Example();
        document.User(0)["logins"] = new JsonArray("shared@example.com");
        document.User(2)["logins"] = new JsonArray("SHARED@example.com");

        var error = AssertSingleError(document, "$.users[2].logins[0]", "is already used at $.users[0].logins[0]");
        Assert.Contains("one user only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_must_be_responder_or_admin()
    {
        var document = Example();
        document.User(1)["role"] = "owner";

        AssertSingleError(document, "$.users[1].role", "must be one of responder");
    }

    [Fact]
    public void Logins_and_role_survive_storage_and_the_public_document()
    {
        var document = Example();
        document.User(0)["logins"] = new JsonArray("alice@example.com");
        document.User(0)["role"] = "admin";
        var config = Parse(document).Config!;

        var stored = AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config));
        var reparsed = ParseValid(AccountConfigSerializer.ToPublicJson(config));

        Assert.Equal(config.Users, stored.Users);
        Assert.Equal(config.Users, reparsed.Users);
        Assert.NotEqual(config.Users[0], config.Users[0] with { Role = UserRole.Responder });
        Assert.NotEqual(config.Users[0], config.Users[0] with { Logins = ["other@example.com"] });
    }
}
