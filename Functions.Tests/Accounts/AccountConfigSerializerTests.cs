using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Accounts;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigSerializerTests
{
    private static AccountConfig WithoutTokens(AccountConfig config) => config with
    {
        Integrations = config.Integrations.Select(i => i with { Token = null, TokenHash = null }).ToList(),
    };

    [Fact]
    public void Public_json_parses_back_to_an_equal_model_minus_tokens()
    {
        var original = ParseValid(ExampleJson);

        var reparsed = ParseValid(AccountConfigSerializer.ToPublicJson(original));

        Assert.Equal(WithoutTokens(original), reparsed);
        Assert.NotEqual(original, reparsed); // the original still carries its token
    }

    [Fact]
    public void Public_json_is_stable()
    {
        var once = AccountConfigSerializer.ToPublicJson(ParseValid(ExampleJson));
        var twice = AccountConfigSerializer.ToPublicJson(ParseValid(once));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Public_json_contains_neither_token_nor_hash()
    {
        var config = ParseValid(ExampleJson);
        config = config with { Integrations = [config.Integrations[0] with { TokenHash = IntegrationTokens.Hash(ExampleToken) }] };

        var json = AccountConfigSerializer.ToPublicJson(config);

        Assert.DoesNotContain(ExampleToken, json, StringComparison.Ordinal);
        Assert.DoesNotContain("token", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sha256", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_json_writes_canonical_values_and_explicit_defaults()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"]![1]!["after"] = "PT120S";
        document.User(0)["notificationRules"]!["high"]![0]!.AsObject().Remove("after");
        document.User(1).Remove("timeZone");
        document.Rotation(0)["start"] = "2026-01-05T09:00";
        document.Rotation(0)["length"] = "P1W";
        document.Override(0)["start"] = "2026-12-24T01:00:00+01:00";
        document.Override(0)["end"] = "2026-12-26T00:00:00.5Z";
        document.Policy().Remove("repeat");
        document.Integration(0).Remove("type");
        document.Integration(0).Remove("urgency");
        document.Integration(0).Remove("enabled");

        var json = JsonNode.Parse(AccountConfigSerializer.ToPublicJson(ParseValid(document.ToJsonString())))!;

        Assert.Equal("PT0S", (string?)json["users"]![0]!["notificationRules"]!["high"]![0]!["after"]);
        Assert.Equal("PT2M", (string?)json["users"]![0]!["notificationRules"]!["high"]![1]!["after"]);
        Assert.Equal("UTC", (string?)json["users"]![1]!["timeZone"]);
        Assert.Equal("2026-01-05T09:00:00", (string?)json["schedules"]![0]!["rotations"]![0]!["start"]);
        Assert.Equal("P7D", (string?)json["schedules"]![0]!["rotations"]![0]!["length"]);
        Assert.Equal("2026-12-24T00:00:00Z", (string?)json["schedules"]![0]!["overrides"]![0]!["start"]);
        Assert.Equal("2026-12-26T00:00:00.5Z", (string?)json["schedules"]![0]!["overrides"]![0]!["end"]);
        Assert.Equal(0, (int?)json["teams"]![0]!["escalationPolicy"]!["repeat"]);
        Assert.Equal("webhook", (string?)json["integrations"]![0]!["type"]);
        Assert.Equal("high", (string?)json["integrations"]![0]!["urgency"]);
        Assert.True((bool?)json["integrations"]![0]!["enabled"]);
    }

    [Fact]
    public void Public_json_lists_notification_rules_in_urgency_order_and_keeps_text_readable()
    {
        var json = AccountConfigSerializer.ToPublicJson(ParseValid(ExampleJson));

        Assert.True(json.IndexOf("\"low\"", StringComparison.Ordinal) < json.IndexOf("\"high\"", StringComparison.Ordinal));
        Assert.Contains("\"+15551230001\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_json_has_the_token_hash_and_never_the_token()
    {
        var config = ParseValid(ExampleJson);

        var json = AccountConfigSerializer.ToStoredJson(config);

        Assert.DoesNotContain(ExampleToken, json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"token\"", json, StringComparison.Ordinal);
        Assert.Equal(IntegrationTokens.Hash(ExampleToken), (string?)JsonNode.Parse(json)!["integrations"]![0]!["tokenHash"]);
    }

    [Fact]
    public void Stored_json_round_trips_with_the_token_turned_into_its_hash()
    {
        var config = ParseValid(ExampleJson);

        var restored = AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config));

        var expected = config with
        {
            Integrations = [config.Integrations[0] with { Token = null, TokenHash = IntegrationTokens.Hash(ExampleToken) }],
        };
        Assert.Equal(expected, restored);
        Assert.Equal(DateTimeKind.Unspecified, restored.Schedules[0].Rotations[0].Start.Kind);
    }

    [Fact]
    public void Stored_json_keeps_an_existing_hash_and_a_new_token_wins_over_it()
    {
        var config = ParseValid(ExampleJson);
        var stored = config with { Integrations = [config.Integrations[0] with { Token = null, TokenHash = "sha256:old" }] };
        var replaced = config with { Integrations = [config.Integrations[0] with { TokenHash = "sha256:old" }] };

        Assert.Equal("sha256:old", AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(stored)).Integrations[0].TokenHash);
        Assert.Equal(IntegrationTokens.Hash(ExampleToken), AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(replaced)).Integrations[0].TokenHash);
    }

    [Fact]
    public void Stored_json_without_a_token_has_no_hash()
    {
        var document = Example();
        document.Integration(0).Remove("token");

        var json = AccountConfigSerializer.ToStoredJson(ParseValid(document.ToJsonString()));

        Assert.DoesNotContain("tokenHash", json, StringComparison.Ordinal);
        Assert.Null(AccountConfigSerializer.FromStoredJson(json).Integrations[0].TokenHash);
    }

    [Fact]
    public void Restrictions_round_trip_through_both_forms_with_days_written_out()
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = new JsonArray(
            new JsonObject { ["days"] = new JsonArray("sat", "mon"), ["start"] = "22:00", ["end"] = "06:00" },
            new JsonObject { ["start"] = "09:00", ["end"] = "17:30" });
        var config = ParseValid(document.ToJsonString());

        var json = JsonNode.Parse(AccountConfigSerializer.ToPublicJson(config))!;
        var windows = json["schedules"]![0]!["rotations"]![0]!["restrictions"]!;

        Assert.Equal("""[{"days":["sat","mon"],"start":"22:00","end":"06:00"},{"days":["mon","tue","wed","thu","fri","sat","sun"],"start":"09:00","end":"17:30"}]""", windows.ToJsonString());
        Assert.Equal(WithoutTokens(config), ParseValid(json.ToJsonString()));
        Assert.Equal(config.Schedules, AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config)).Schedules);
    }

    [Fact]
    public void A_rotation_without_restrictions_is_written_without_the_property_and_read_back_without_it()
    {
        var config = ParseValid(ExampleJson);

        var stored = AccountConfigSerializer.ToStoredJson(config);

        Assert.DoesNotContain("restrictions", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("restrictions", AccountConfigSerializer.ToPublicJson(config), StringComparison.Ordinal);
        Assert.Empty(AccountConfigSerializer.FromStoredJson(stored).Schedules[0].Rotations[0].Restrictions);
    }

    [Fact]
    public void Stored_json_with_an_unknown_restriction_day_is_corrupt()
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = new JsonArray(new JsonObject { ["days"] = new JsonArray("mon"), ["start"] = "09:00", ["end"] = "17:00" });
        var stored = AccountConfigSerializer.ToStoredJson(ParseValid(document.ToJsonString())).Replace("\"mon\"", "\"xyz\"", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => AccountConfigSerializer.FromStoredJson(stored));
    }

    [Fact]
    public void Empty_account_round_trips()
    {
        var config = ParseValid("""{ "id": "15", "name": "Acme" }""");

        Assert.Equal(config, AccountConfigSerializer.FromStoredJson(AccountConfigSerializer.ToStoredJson(config)));
        Assert.Equal(config, ParseValid(AccountConfigSerializer.ToPublicJson(config)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "name": "Acme", "users": [], "schedules": [], "teams": [], "integrations": [] }""")]
    [InlineData("""{ "id": "15", "name": "Acme", "users": [{ "id": "a" }], "schedules": [], "teams": [], "integrations": [] }""")]
    public void Corrupt_stored_json_throws(string json)
    {
        var exception = Record.Exception(() => AccountConfigSerializer.FromStoredJson(json));

        Assert.True(exception is JsonException or InvalidDataException, exception?.GetType().Name);
    }
}
