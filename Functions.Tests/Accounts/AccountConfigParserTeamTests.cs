using System.Text.Json.Nodes;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserTeamTests
{
    [Fact]
    public void Team_name_is_required()
    {
        var document = Example();
        document.Team(0).Remove("name");

        AssertSingleError(document, "$.teams[0].name", "is required");
    }

    [Fact]
    public void Escalation_policy_is_required()
    {
        var document = Example();
        document.Team(0).Remove("escalationPolicy");

        AssertSingleError(document, "$.teams[0].escalationPolicy", "is required");
    }

    [Fact]
    public void Layers_are_required()
    {
        var document = Example();
        document.Policy().Remove("layers");

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers", "is required");
    }

    [Fact]
    public void Layers_must_not_be_empty()
    {
        var document = Example();
        document.Policy()["layers"] = new JsonArray();

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers", "must have at least one layer");
    }

    [Fact]
    public void At_most_20_layers()
    {
        var document = Example();
        var layers = document.Policy()["layers"]!.AsArray();
        while (layers.Count < 20)
        {
            layers.Add(layers[1]!.DeepClone());
        }
        Assert.True(Parse(document).IsValid);

        layers.Add(layers[1]!.DeepClone());
        AssertSingleError(document, "$.teams[0].escalationPolicy.layers", "must have at most 20 layers");
    }

    [Fact]
    public void Targets_must_not_be_empty()
    {
        var document = Example();
        document.Layer(0)["targets"] = new JsonArray();

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].targets", "must have at least one target");
    }

    [Fact]
    public void Target_with_both_user_and_schedule_is_an_error()
    {
        var document = Example();
        document.Layer(0)["targets"]![0]!["user"] = "alice";

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].targets[0]", "must have exactly one of 'user' or 'schedule'");
    }

    [Fact]
    public void Target_with_neither_user_nor_schedule_is_an_error()
    {
        var document = Example();
        document.Layer(0)["targets"]![0] = new JsonObject();

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].targets[0]", "must have exactly one of 'user' or 'schedule'");
    }

    [Fact]
    public void Target_must_be_an_object()
    {
        var document = Example();
        document.Layer(0)["targets"]![0] = "primary";

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].targets[0]", "must be an object");
    }

    [Fact]
    public void Target_schedule_must_be_known()
    {
        var document = Example();
        var second = document.Team(0).DeepClone().AsObject();
        second["id"] = "dev";
        second["escalationPolicy"]!["layers"]![0]!["targets"]![0]!["schedule"] = "secondary";
        document["teams"]!.AsArray().Add(second);

        AssertSingleError(document, "$.teams[1].escalationPolicy.layers[0].targets[0].schedule", "unknown schedule 'secondary' (not in $.schedules)");
    }

    [Fact]
    public void Target_user_must_be_known()
    {
        var document = Example();
        document.Layer(1)["targets"]![0]!["user"] = "dave";

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[1].targets[0].user", "unknown user 'dave' (not in $.users)");
    }

    [Fact]
    public void Target_reference_must_be_a_string()
    {
        var document = Example();
        document.Layer(1)["targets"]![0]!["user"] = 3;

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[1].targets[0].user", "must be a string");
    }

    [Theory]
    [InlineData("PT0S", "must be at least PT1S")]
    [InlineData("PT0.5S", "must be at least PT1S")]
    [InlineData("5m", "must be an ISO 8601 duration")]
    public void Escalate_after_must_be_at_least_one_second(string escalateAfter, string rule)
    {
        var document = Example();
        document.Layer(0)["escalateAfter"] = escalateAfter;

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].escalateAfter", rule);
    }

    [Fact]
    public void Escalate_after_is_required()
    {
        var document = Example();
        document.Layer(0).Remove("escalateAfter");

        AssertSingleError(document, "$.teams[0].escalationPolicy.layers[0].escalateAfter", "is required");
    }

    [Theory]
    [InlineData("10")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    public void Repeat_must_be_an_integer_from_0_to_9(string repeat)
    {
        var document = Example();
        document.Policy()["repeat"] = JsonNode.Parse(repeat);

        AssertSingleError(document, "$.teams[0].escalationPolicy.repeat", "must be an integer from 0 to 9");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Repeat_accepts_the_bounds(int repeat)
    {
        var document = Example();
        document.Policy()["repeat"] = repeat;

        Assert.Equal(repeat, Parse(document).Config!.Teams[0].EscalationPolicy.Repeat);
    }
}
