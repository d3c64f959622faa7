using System.Text.Json.Nodes;
using Klaxon.Accounts;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

/// <summary>Scheduled maintenance windows in the document (<c>$.maintenance</c>): each rule at its JSON path, and the round trip.</summary>
public class AccountConfigParserMaintenanceTests
{
    private const string Integration = "b965aee0-38b7-11e7-b537-ff479bbed3d0";

    [Fact]
    public void Windows_for_a_team_and_an_integration_parse_and_round_trip_through_storage_and_GET()
    {
        var document = WithWindow();
        document["maintenance"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "grafana-upgrade", ["integration"] = Integration, ["start"] = "2026-05-01T22:00", ["end"] = "2026-05-02T01:00",
            ["timeZone"] = "UTC",
        });

        var config = ParseValid(document.ToJsonString());

        Assert.Equal(
            [
                new MaintenanceWindowConfig("sunday-deploys", MaintenanceScope.Team, "ops", new DateTime(2026, 1, 4, 2, 0, 0), new DateTime(2026, 1, 4, 4, 0, 0),
                    "Europe/Berlin", MaintenanceRepeat.Weekly, "weekly deploys"),
                new MaintenanceWindowConfig("grafana-upgrade", MaintenanceScope.Integration, Integration, new DateTime(2026, 5, 1, 22, 0, 0),
                    new DateTime(2026, 5, 2, 1, 0, 0), "UTC"),
            ],
            config.Maintenance);
        Assert.Equal(config.Maintenance, AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config)).Maintenance);
        Assert.Equal(config.Maintenance, ParseValid(AccountConfigSerializer.ToPublicJson(config)).Maintenance);
    }

    [Fact]
    public void A_document_without_windows_writes_no_maintenance_property()
    {
        var config = ParseValid(ExampleJson);

        Assert.Empty(config.Maintenance);
        Assert.DoesNotContain("maintenance", AccountConfigSerializer.ToStoredJson(config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("team", "nobody", "$.maintenance[0].team", "unknown team 'nobody'")]
    [InlineData("start", "2026-01-04T02:00:00Z", "$.maintenance[0].start", "must be a local date-time without offset")]
    [InlineData("end", "2026-01-04T01:00", "$.maintenance[0].end", "must be after start")]
    [InlineData("end", "2026-01-11T02:00", "$.maintenance[0].end", "less than 7 days after start for a weekly window")]
    [InlineData("repeat", "daily", "$.maintenance[0].repeat", "must be \"weekly\"")]
    [InlineData("timeZone", "Mars/Olympus", "$.maintenance[0].timeZone", "must be a known IANA time zone id")]
    [InlineData("id", "has space", "$.maintenance[0].id", "must be an id")]
    public void Each_rule_is_reported_at_its_path(string property, string value, string path, string rule)
    {
        var document = WithWindow();
        document["maintenance"]![0]![property] = value;

        AssertSingleError(document, path, rule);
    }

    [Fact]
    public void Exactly_one_of_team_and_integration_and_an_integration_must_exist()
    {
        var both = WithWindow();
        both["maintenance"]![0]!["integration"] = Integration;
        AssertSingleError(both, "$.maintenance[0].integration", "exactly one of team and integration");

        var neither = WithWindow();
        neither["maintenance"]![0]!.AsObject().Remove("team");
        AssertSingleError(neither, "$.maintenance[0].team", "exactly one of team and integration");

        var unknown = WithWindow();
        unknown["maintenance"]![0]!.AsObject().Remove("team");
        unknown["maintenance"]![0]!["integration"] = "nope";
        AssertSingleError(unknown, "$.maintenance[0].integration", "unknown integration 'nope'");
    }

    [Fact]
    public void Start_end_and_time_zone_are_required_and_unknown_properties_are_refused()
    {
        foreach (var required in new[] { "start", "end", "timeZone" })
        {
            var document = WithWindow();
            document["maintenance"]![0]!.AsObject().Remove(required);
            AssertSingleError(document, $"$.maintenance[0].{required}", "is required");
        }
        var extra = WithWindow();
        extra["maintenance"]![0]!["until"] = "x";
        AssertSingleError(extra, "$.maintenance[0].until", "");
    }

    private static JsonObject WithWindow()
    {
        var document = Example();
        document["maintenance"] = new JsonArray(new JsonObject
        {
            ["id"] = "sunday-deploys", ["team"] = "ops", ["start"] = "2026-01-04T02:00", ["end"] = "2026-01-04T04:00",
            ["timeZone"] = "Europe/Berlin", ["repeat"] = "weekly", ["reason"] = "weekly deploys",
        });
        return document;
    }
}
