using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Tests.Accounts;

/// <summary>The example account document from the spec, and helpers to break it one rule at a time.</summary>
internal static class AccountDocuments
{
    public const string AccountId = "15";
    public const string ExampleToken = "b965aee1-39a7-11e7-b537-ff479bbed3d0";

    // The spec's example, plus users bob and carol, whom it references.
    public const string ExampleJson = """
        {
          "id": "15",
          "name": "Acme",
          "users": [
            { "id": "alice", "name": "Alice", "email": "alice@example.com", "phone": "+15551230001",
              "timeZone": "Europe/Berlin",
              "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }, { "channel": "voice", "after": "PT2M" }],
                                     "low":  [{ "channel": "email", "after": "PT0S" }] } },
            { "id": "bob", "name": "Bob", "email": "bob@example.com" },
            { "id": "carol", "name": "Carol", "phone": "+15551230003" }
          ],
          "schedules": [
            { "id": "primary", "timeZone": "America/New_York",
              "rotations": [{ "users": ["alice", "bob"], "start": "2026-01-05T09:00:00", "length": "P7D" }],
              "overrides": [{ "user": "carol", "start": "2026-12-24T00:00:00Z", "end": "2026-12-26T00:00:00Z" }] }
          ],
          "teams": [
            { "id": "ops", "name": "Operations",
              "escalationPolicy": { "layers": [ { "targets": [{ "schedule": "primary" }], "escalateAfter": "PT5M" },
                                                { "targets": [{ "user": "carol" }], "escalateAfter": "PT10M" } ],
                                    "repeat": 2 } }
          ],
          "integrations": [
            { "id": "b965aee0-38b7-11e7-b537-ff479bbed3d0", "token": "b965aee1-39a7-11e7-b537-ff479bbed3d0",
              "name": "Webhook", "type": "webhook", "urgency": "high", "team": "ops", "enabled": true }
          ]
        }
        """;

    /// <summary>A fresh, mutable copy of the example.</summary>
    public static JsonObject Example() => JsonNode.Parse(ExampleJson)!.AsObject();

    public static AccountConfigParseResult Parse(JsonNode document) =>
        AccountConfigParser.Parse(document.ToJsonString(), AccountId);

    public static AccountConfig ParseValid(string json)
    {
        var result = AccountConfigParser.Parse(json, AccountId);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config;
    }

    /// <summary>
    /// Asserts the document has exactly one error, at <paramref name="path"/>, whose message contains
    /// <paramref name="rule"/>. Exactly one, so a test also catches errors that cascade into noise.
    /// </summary>
    public static FieldError AssertSingleError(JsonNode document, string path, string rule)
    {
        var result = Parse(document);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Field);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        return error;
    }

    public static JsonObject User(this JsonObject document, int index) => document["users"]![index]!.AsObject();

    public static JsonObject Schedule(this JsonObject document, int index) => document["schedules"]![index]!.AsObject();

    public static JsonObject Rotation(this JsonObject document, int index) => document.Schedule(0)["rotations"]![index]!.AsObject();

    public static JsonObject Override(this JsonObject document, int index) => document.Schedule(0)["overrides"]![index]!.AsObject();

    public static JsonObject Team(this JsonObject document, int index) => document["teams"]![index]!.AsObject();

    public static JsonObject Policy(this JsonObject document) => document.Team(0)["escalationPolicy"]!.AsObject();

    public static JsonObject Layer(this JsonObject document, int index) => document.Policy()["layers"]![index]!.AsObject();

    public static JsonObject Integration(this JsonObject document, int index) => document["integrations"]![index]!.AsObject();
}
