using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

/// <summary>Integration types in the configuration document: the formats, and a heartbeat's interval and grace.</summary>
public class AccountConfigParserIntegrationTypeTests
{
    [Theory]
    [InlineData("webhook", IntegrationType.Webhook)]
    [InlineData("pagerduty", IntegrationType.Pagerduty)]
    [InlineData("alertmanager", IntegrationType.Alertmanager)]
    public void Each_format_is_a_type(string wire, IntegrationType type)
    {
        var document = Example();
        document.Integration(0)["type"] = wire;

        Assert.Equal(type, Parsed(document).Integrations[0].Type);
    }

    [Fact]
    public void Type_names_are_lower_case()
    {
        var document = Example();
        document.Integration(0)["type"] = "PagerDuty";

        AssertSingleError(document, "$.integrations[0].type", "must be one of webhook, pagerduty, alertmanager or heartbeat");
    }

    [Fact]
    public void A_heartbeat_has_an_interval_and_an_optional_grace()
    {
        var document = Example();
        document.Integration(0)["type"] = "heartbeat";
        document.Integration(0)["interval"] = "P1D";

        var heartbeat = Parsed(document).Integrations[0].Heartbeat!;
        Assert.Equal((IsoDuration.FromDays(1), IsoDuration.Zero), (heartbeat.Interval, heartbeat.Grace));

        document.Integration(0)["grace"] = "PT15M";
        Assert.Equal(TimeSpan.FromMinutes(24 * 60 + 15), Parsed(document).Integrations[0].Heartbeat!.Deadline);
    }

    [Fact]
    public void A_heartbeat_needs_an_interval()
    {
        var document = Example();
        document.Integration(0)["type"] = "heartbeat";

        AssertSingleError(document, "$.integrations[0].interval", "is required");
    }

    [Theory]
    [InlineData("PT59S", "must be at least PT1M")]
    [InlineData("daily", "")]
    public void A_heartbeat_interval_must_be_a_duration_of_at_least_a_minute(string interval, string rule)
    {
        var document = Example();
        document.Integration(0)["type"] = "heartbeat";
        document.Integration(0)["interval"] = interval;

        AssertSingleError(document, "$.integrations[0].interval", rule);
    }

    [Theory]
    [InlineData("interval")]
    [InlineData("grace")]
    public void Interval_and_grace_are_only_for_heartbeats(string field)
    {
        var document = Example();
        document.Integration(0)[field] = "PT5M";

        AssertSingleError(document, $"$.integrations[0].{field}", "is only for heartbeat integrations (this one is webhook)");
    }

    [Fact]
    public void A_heartbeat_round_trips_through_storage()
    {
        var document = Example();
        document.Integration(0)["type"] = "heartbeat";
        document.Integration(0)["interval"] = "PT1H";
        document.Integration(0)["grace"] = "PT5M";
        var config = Parsed(document);

        var stored = AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config));

        Assert.Equal(config.Integrations[0].Heartbeat, stored.Integrations[0].Heartbeat);
        Assert.Equal(IntegrationType.Heartbeat, stored.Integrations[0].Type);
        Assert.Equal("PT1H", (string?)JsonNode.Parse(AccountConfigSerializer.ToPublicJson(config))!["integrations"]![0]!["interval"]);
    }

    [Fact]
    public void Silent_is_an_integration_urgency()
    {
        var document = Example();
        document.Integration(0)["urgency"] = "silent";

        Assert.Equal(Urgency.Silent, Parsed(document).Integrations[0].Urgency);
    }

    private static AccountConfig Parsed(JsonObject document)
    {
        var result = AccountConfigParser.Parse(document.ToJsonString(), (string)document["id"]!);
        Assert.True(result.Config is not null, string.Join("; ", result.Errors));
        return result.Config;
    }
}
