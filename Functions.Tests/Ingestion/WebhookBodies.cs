using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;

namespace Klaxon.Tests.Ingestion;

/// <summary>Bodies and assertions shared by the webhook parser tests (one file per part of the contract).</summary>
internal static class WebhookBodies
{
    // Single quotes keep the JSON in tests readable; none of the test values contain an apostrophe.
    public static WebhookParseResult Parse(string json) =>
        WebhookEventParser.Parse(Encoding.UTF8.GetBytes(json.Replace('\'', '"')));

    public static WebhookParseResult Parse(JsonNode body) =>
        WebhookEventParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

    public static JsonObject ValidCreate() => new()
    {
        ["event_type"] = "create",
        ["Id"] = "disk-full-db1",
        ["Title"] = "Disk full",
        ["Description"] = "db1 /var at 98%",
    };

    public static WebhookEvent AssertValid(WebhookParseResult result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Event;
    }

    /// <summary>Asserts the body was rejected with exactly one error, and returns it.</summary>
    public static FieldError SingleError(WebhookParseResult result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        return Assert.Single(result.Errors);
    }
}
