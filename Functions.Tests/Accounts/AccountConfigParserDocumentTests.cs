using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserDocumentTests
{
    [Fact]
    public void Example_document_parses_into_the_expected_model()
    {
        var config = ParseValid(ExampleJson);

        Assert.Equal("15", config.Id);
        Assert.Equal("Acme", config.Name);
        Assert.Equal(["alice", "bob", "carol"], config.Users.Select(u => u.Id));

        var alice = config.FindUser("alice")!;
        Assert.Equal("alice@example.com", alice.Email);
        Assert.Equal("+15551230001", alice.Phone);
        Assert.Equal("Europe/Berlin", alice.TimeZone);
        Assert.Equal(
            [new NotificationStep(NotificationChannel.Sms, IsoDuration.Zero), new NotificationStep(NotificationChannel.Voice, IsoDuration.FromTime(TimeSpan.FromMinutes(2)))],
            alice.NotificationRules[Urgency.High]);
        Assert.Equal([new NotificationStep(NotificationChannel.Email, IsoDuration.Zero)], alice.NotificationRules[Urgency.Low]);
        Assert.Equal(2, alice.NotificationRules.Count);

        var schedule = Assert.Single(config.Schedules);
        Assert.Equal("America/New_York", schedule.TimeZone);
        var rotation = Assert.Single(schedule.Rotations);
        Assert.Equal(["alice", "bob"], rotation.Users);
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0), rotation.Start);
        Assert.Equal(DateTimeKind.Unspecified, rotation.Start.Kind);
        Assert.Equal(IsoDuration.FromDays(7), rotation.Length);
        var entry = Assert.Single(schedule.Overrides);
        Assert.Equal(new OverrideConfig("carol", new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 26, 0, 0, 0, TimeSpan.Zero)), entry);

        var team = config.FindTeam("ops")!;
        Assert.Equal("Operations", team.Name);
        Assert.Equal(2, team.EscalationPolicy.Repeat);
        Assert.Equal(
            [
                new EscalationLayerConfig([EscalationTarget.ForSchedule("primary")], IsoDuration.FromTime(TimeSpan.FromMinutes(5))),
                new EscalationLayerConfig([EscalationTarget.ForUser("carol")], IsoDuration.FromTime(TimeSpan.FromMinutes(10))),
            ],
            team.EscalationPolicy.Layers);

        var integration = config.FindIntegration("b965aee0-38b7-11e7-b537-ff479bbed3d0")!;
        Assert.Equal(
            new IntegrationConfig("b965aee0-38b7-11e7-b537-ff479bbed3d0", "Webhook", IntegrationType.Webhook, Urgency.High, "ops", true, ExampleToken, TokenHash: null),
            integration);
    }

    [Fact]
    public void Omitted_optional_values_get_their_defaults()
    {
        var config = ParseValid("""
            {
              "id": "15", "name": "Acme",
              "users": [{ "id": "dave", "name": "Dave", "phone": "+15551230004", "notificationRules": { "critical": [{ "channel": "voice" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "dave" }], "escalateAfter": "PT1S" }] } }],
              "integrations": [{ "id": "hook", "name": "Hook", "team": "ops" }]
            }
            """);

        var dave = Assert.Single(config.Users);
        Assert.Equal("UTC", dave.TimeZone);
        Assert.Null(dave.Email);
        Assert.Equal([new NotificationStep(NotificationChannel.Voice, IsoDuration.Zero)], dave.NotificationRules[Urgency.Critical]);
        Assert.Empty(config.Schedules);
        Assert.Equal(0, Assert.Single(config.Teams).EscalationPolicy.Repeat);
        Assert.Equal(new IntegrationConfig("hook", "Hook", IntegrationType.Webhook, Urgency.High, "ops", true, null, null), Assert.Single(config.Integrations));
    }

    [Fact]
    public void Minimal_document_has_empty_collections()
    {
        var config = ParseValid("""{ "id": "15", "name": "Acme" }""");

        Assert.Empty(config.Users);
        Assert.Empty(config.Schedules);
        Assert.Empty(config.Teams);
        Assert.Empty(config.Integrations);
    }

    [Fact]
    public void Null_counts_as_absent_for_optional_values()
    {
        var document = Example();
        document.User(1)["email"] = null;
        document.User(1)["timeZone"] = null;
        document.Integration(0)["enabled"] = null;

        var result = Parse(document);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Config.Users[1].Email);
        Assert.Equal("UTC", result.Config.Users[1].TimeZone);
        Assert.True(result.Config.Integrations[0].Enabled);
    }

    [Fact]
    public void References_may_point_forwards_in_the_document()
    {
        var document = new JsonObject
        {
            ["integrations"] = Example()["integrations"]!.DeepClone(),
            ["teams"] = Example()["teams"]!.DeepClone(),
            ["schedules"] = Example()["schedules"]!.DeepClone(),
            ["users"] = Example()["users"]!.DeepClone(),
            ["name"] = "Acme",
            ["id"] = "15",
        };

        Assert.True(Parse(document).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{ \"id\": \"15\", ")]
    [InlineData("{ \"id\": \"15\", \"name\": \"Acme\", }")]
    public void Text_that_is_not_JSON_gives_one_error_at_the_root(string json)
    {
        var result = AccountConfigParser.Parse(json, AccountId);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Field);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"15\"")]
    [InlineData("null")]
    public void Root_must_be_an_object(string json)
    {
        var error = Assert.Single(AccountConfigParser.Parse(json, AccountId).Errors);

        Assert.Equal(new FieldError("$", "must be an object"), error);
    }

    [Fact]
    public void Unknown_property_is_an_error()
    {
        var document = Example();
        document["owner"] = "someone";

        var error = AssertSingleError(document, "$.owner", "unknown property");
        Assert.Contains("users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Property_names_are_case_sensitive_and_the_error_suggests_the_right_one()
    {
        var document = Example();
        var zone = document.User(0)["timeZone"]!.GetValue<string>();
        document.User(0).Remove("timeZone");
        document.User(0)["timezone"] = zone;

        AssertSingleError(document, "$.users[0].timezone", "unknown property (did you mean 'timeZone'?");
    }

    [Fact]
    public void Unknown_property_with_an_odd_name_gets_a_bracketed_path()
    {
        var document = Example();
        document.Team(0)["escalation policy"] = 1;

        AssertSingleError(document, "$.teams[0]['escalation policy']", "unknown property");
    }

    [Fact]
    public void Repeated_property_is_an_error()
    {
        var json = ExampleJson.Replace("\"name\": \"Acme\",", "\"name\": \"Acme\", \"name\": \"Acme Corp\",", StringComparison.Ordinal);

        var error = Assert.Single(AccountConfigParser.Parse(json, AccountId).Errors);

        Assert.Equal(new FieldError("$.name", "duplicate property"), error);
    }

    [Fact]
    public void Account_id_is_required()
    {
        var document = Example();
        document.Remove("id");

        AssertSingleError(document, "$.id", "is required");
    }

    [Fact]
    public void Account_id_must_match_the_url()
    {
        var document = Example();
        document["id"] = "16";

        AssertSingleError(document, "$.id", "must equal the account id in the URL ('15')");
    }

    [Fact]
    public void Account_id_must_be_a_string()
    {
        var document = Example();
        document["id"] = 15;

        AssertSingleError(document, "$.id", "must be a string");
    }

    [Fact]
    public void Account_id_from_the_url_must_still_be_a_valid_id()
    {
        var document = Example();
        document["id"] = "bad id";

        var error = Assert.Single(AccountConfigParser.Parse(document.ToJsonString(), "bad id").Errors);

        Assert.Equal("$.id", error.Field);
        Assert.Contains("must be an id of 1 to 64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    public void Account_name_is_required_and_not_blank(string? name, string rule)
    {
        var document = Example();
        document.Remove("name");
        if (name is not null)
        {
            document["name"] = name;
        }

        AssertSingleError(document, "$.name", rule);
    }

    [Fact]
    public void Names_are_at_most_200_characters()
    {
        var document = Example();
        document["name"] = new string('a', 200);
        Assert.True(Parse(document).IsValid);

        document["name"] = new string('a', 201);
        AssertSingleError(document, "$.name", "must be at most 200 characters");
    }

    [Theory]
    [InlineData("users")]
    [InlineData("schedules")]
    [InlineData("teams")]
    [InlineData("integrations")]
    public void Collections_must_be_arrays_and_a_broken_one_does_not_flood_references(string collection)
    {
        var document = Example();
        document[collection] = new JsonObject();

        AssertSingleError(document, $"$.{collection}", "must be an array");
    }

    [Fact]
    public void Collection_items_must_be_objects()
    {
        var document = Example();
        document["integrations"]!.AsArray().Add("hook");

        AssertSingleError(document, "$.integrations[1]", "must be an object");
    }

    [Theory]
    [InlineData("-alice")]
    [InlineData("_alice")]
    [InlineData("al ice")]
    [InlineData("alice/1")]
    [InlineData("ålice")]
    [InlineData("alice\n")]
    [InlineData("")]
    public void Ids_must_match_the_id_pattern(string id)
    {
        var document = Example();
        document["users"]!.AsArray().Add(new JsonObject { ["id"] = id, ["name"] = "X" });

        AssertSingleError(document, "$.users[3].id", "must be an id of 1 to 64 letters, digits, '_', '.' or '-'");
    }

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        var document = Example();
        document["users"]!.AsArray().Add(new JsonObject { ["id"] = new string('a', 64), ["name"] = "X" });
        Assert.True(Parse(document).IsValid);

        document.User(3)["id"] = new string('a', 65);
        AssertSingleError(document, "$.users[3].id", "must be an id");
    }

    [Fact]
    public void Duplicate_ids_are_reported_at_the_second_occurrence()
    {
        var document = Example();
        document["teams"]!.AsArray().Add(document.Team(0).DeepClone());

        AssertSingleError(document, "$.teams[1].id", "duplicate id 'ops' (also at $.teams[0])");
    }

    [Fact]
    public void Ids_that_differ_only_in_case_collide()
    {
        var document = Example();
        document["users"]!.AsArray().Add(new JsonObject { ["id"] = "Alice", ["name"] = "Other Alice" });

        AssertSingleError(document, "$.users[3].id", "duplicate id 'Alice' (also at $.users[0] as 'alice'");
    }

    [Fact]
    public void Duplicate_integration_ids_are_errors()
    {
        var document = Example();
        var copy = document.Integration(0).DeepClone().AsObject();
        copy["id"] = "B965AEE0-38B7-11E7-B537-FF479BBED3D0";
        document["integrations"]!.AsArray().Add(copy);

        AssertSingleError(document, "$.integrations[1].id", "duplicate id");
    }

    [Fact]
    public void Every_error_in_a_document_is_reported()
    {
        var document = Example();
        document["id"] = "99";                                              // 1
        document.User(0)["email"] = "alice";                                // 2
        document.User(1)["phone"] = "555-0100";                             // 3
        document.User(2)["timeZone"] = "Mars/Olympus";                      // 4
        document.Rotation(0)["length"] = "P1M";                             // 5
        document.Override(0)["user"] = "dave";                              // 6
        document.Layer(1)["escalateAfter"] = "PT0S";                        // 7
        document.Policy()["repeat"] = 10;                                   // 8
        document.Integration(0)["urgency"] = "urgent";                      // 9
        document.Integration(0)["team"] = "dev";                            // 10
        document.Integration(0)["colour"] = "red";                          // 11

        var result = Parse(document);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "$.id",
                "$.users[0].email",
                "$.users[1].phone",
                "$.users[2].timeZone",
                "$.schedules[0].rotations[0].length",
                "$.schedules[0].overrides[0].user",
                "$.teams[0].escalationPolicy.layers[1].escalateAfter",
                "$.teams[0].escalationPolicy.repeat",
                "$.integrations[0].colour",
                "$.integrations[0].urgency",
                "$.integrations[0].team",
            ],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Parse_never_throws_for_wrong_types_anywhere()
    {
        // Replace every value in the example, one at a time, with each wrong JSON type.
        JsonNode?[] replacements = [null, 1, true, "text", new JsonArray(), new JsonObject()];
        var paths = new List<string>();
        Collect(Example(), "", paths);

        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var document = Example();
                Replace(document, path, replacement?.DeepClone());
                var result = Parse(document);
                Assert.True(result.IsValid || result.Errors.Count > 0, path);
            }
        }
    }

    private static void Collect(JsonNode node, string path, List<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    paths.Add($"{path}/{name}");
                    if (child is not null) Collect(child, $"{path}/{name}", paths);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    paths.Add($"{path}/{i}");
                    if (array[i] is { } child) Collect(child, $"{path}/{i}", paths);
                }
                break;
        }
    }

    private static void Replace(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is JsonArray a ? a[int.Parse(part)]! : parent[part]!;
        }
        if (parent is JsonArray array)
        {
            array[int.Parse(parts[^1])] = value;
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }
}
