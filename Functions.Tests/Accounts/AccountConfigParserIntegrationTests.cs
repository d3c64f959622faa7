using Klaxon.Accounts;
using Klaxon.Common;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserIntegrationTests
{
    [Fact]
    public void Integration_id_is_required()
    {
        var document = Example();
        document.Integration(0).Remove("id");

        AssertSingleError(document, "$.integrations[0].id", "is required");
    }

    [Fact]
    public void Integration_id_must_match_the_id_pattern()
    {
        var document = Example();
        document.Integration(0)["id"] = "{b965aee0-38b7-11e7-b537-ff479bbed3d0}";

        AssertSingleError(document, "$.integrations[0].id", "must be an id");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in the token value")]
    [InlineData("b965aee1+39a7/11e7=b537ff479bbed3d0")]
    public void Token_must_be_16_to_128_safe_characters_and_is_not_echoed(string token)
    {
        var document = Example();
        document.Integration(0)["token"] = token;

        var error = AssertSingleError(document, "$.integrations[0].token", "must be 16 to 128 characters of letters, digits, '_' or '-'");
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_length_bounds()
    {
        var document = Example();
        document.Integration(0)["token"] = new string('a', 16);
        Assert.True(Parse(document).IsValid);
        document.Integration(0)["token"] = new string('a', 128);
        Assert.True(Parse(document).IsValid);

        document.Integration(0)["token"] = new string('a', 129);
        AssertSingleError(document, "$.integrations[0].token", "must be 16 to 128 characters");
    }

    [Fact]
    public void Token_is_optional()
    {
        var document = Example();
        document.Integration(0).Remove("token");

        Assert.Null(Parse(document).Config!.Integrations[0].Token);
    }

    [Fact]
    public void Token_hash_is_not_accepted_from_a_client()
    {
        var document = Example();
        document.Integration(0)["tokenHash"] = IntegrationTokens.Hash("whatever-they-want");

        AssertSingleError(document, "$.integrations[0].tokenHash", "unknown property");
    }

    [Fact]
    public void Integration_name_is_required()
    {
        var document = Example();
        document.Integration(0).Remove("name");

        AssertSingleError(document, "$.integrations[0].name", "is required");
    }

    [Fact]
    public void Type_must_be_a_known_format()
    {
        var document = Example();
        document.Integration(0)["type"] = "email";

        AssertSingleError(document, "$.integrations[0].type", "must be one of webhook, pagerduty, alertmanager or heartbeat");
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("High")]
    [InlineData("2")]
    public void Urgency_must_be_a_lower_case_urgency(string urgency)
    {
        var document = Example();
        document.Integration(0)["urgency"] = urgency;

        AssertSingleError(document, "$.integrations[0].urgency", "must be one of silent, low, medium, high or critical");
    }

    [Theory]
    [InlineData("low", Urgency.Low)]
    [InlineData("medium", Urgency.Medium)]
    [InlineData("critical", Urgency.Critical)]
    public void Urgency_is_read(string text, Urgency urgency)
    {
        var document = Example();
        document.Integration(0)["urgency"] = text;

        Assert.Equal(urgency, Parse(document).Config!.Integrations[0].Urgency);
    }

    [Fact]
    public void Team_is_required()
    {
        var document = Example();
        document.Integration(0).Remove("team");

        AssertSingleError(document, "$.integrations[0].team", "is required");
    }

    [Fact]
    public void Team_must_be_known()
    {
        var document = Example();
        document.Integration(0)["team"] = "dev";

        AssertSingleError(document, "$.integrations[0].team", "unknown team 'dev' (not in $.teams)");
    }

    [Fact]
    public void Enabled_must_be_a_boolean()
    {
        var document = Example();
        document.Integration(0)["enabled"] = "yes";

        AssertSingleError(document, "$.integrations[0].enabled", "must be a boolean");
    }

    [Fact]
    public void Enabled_false_is_kept()
    {
        var document = Example();
        document.Integration(0)["enabled"] = false;

        Assert.False(Parse(document).Config!.Integrations[0].Enabled);
    }
}
