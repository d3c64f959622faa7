using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Ingestion;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>The webhook contract over real HTTP on DevHost, with the queue and table on Azurite.</summary>
[Collection(DevHostCollection.Name)]
public class WebhookEndpointTests(DevHostFixture devHost)
{
    private const string SeedBody = """{"event_type": "create", "Id": "disk-full-db1", "Title": "Disk full on db1", "Description": "/var is 98% full"}""";

    [Fact]
    public async Task Seed_example_is_accepted_with_the_documented_body_and_opens_an_incident()
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, SeedBody);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["status", "event_type", "id", "request_id"], body.Select(p => p.Key));
        Assert.Equal("accepted", (string?)body["status"]);
        Assert.Equal("create", (string?)body["event_type"]);
        Assert.Equal("disk-full-db1", (string?)body["id"]);
        Assert.True(Guid.TryParse((string?)body["request_id"], out _));

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal("Disk full on db1", (string?)incident["title"]);
        Assert.Equal("/var is 98% full", (string?)incident["description"]);
        Assert.Equal("medium", (string?)incident["urgency"]);
        Assert.Equal("ops", (string?)incident["teamId"]);
        Assert.Equal((string?)body["request_id"], (string?)incident["timeline"]![0]!["requestId"]);
    }

    [Fact]
    public async Task Every_kind_of_bad_url_gets_the_same_404()
    {
        var account = await devHost.CreateAccountAsync();
        var disabled = await devHost.CreateAccountAsync(enabled: false);
        string[] paths =
        [
            $"integration/nope{account.Id}/{account.IntegrationId}/{account.Token}",
            $"integration/{account.Id}/{Guid.NewGuid()}/{account.Token}",
            $"integration/{account.Id}/{account.IntegrationId}/{account.Token}x",
            $"integration/{account.Id}/{account.IntegrationId}/{account.Token[..^1]}",
            disabled.WebhookPath,
        ];
        foreach (var path in paths)
        {
            using var response = await devHost.PostWebhookAsync(path, SeedBody);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("""{"status":"not_found"}""", await response.Content.ReadAsStringAsync());
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        }
        Assert.Empty(await devHost.ListIncidentsAsync(disabled.Id));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Non_json_content_type_is_415(string contentType)
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, SeedBody, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray());
        Assert.Equal("Content-Type", (string?)error!["field"]);
    }

    [Fact]
    public async Task Json_with_a_charset_parameter_is_accepted()
    {
        var account = await devHost.CreateAccountAsync();
        using var response = await devHost.PostWebhookAsync(account.WebhookPath, SeedBody, "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_512_KiB_is_413_and_a_body_of_exactly_512_KiB_is_accepted_and_applied()
    {
        var account = await devHost.CreateAccountAsync();
        var exact = BodyOfSize(512 * 1024, "big-one");

        using var tooLarge = await devHost.PostWebhookAsync(account.WebhookPath, BodyOfSize((512 * 1024) + 1, "too-big"));
        using var accepted = await devHost.PostWebhookAsync(account.WebhookPath, exact);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("body", (string?)(await tooLarge.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // Too large for a queue message: travels as a claim check through the table, and arrives whole.
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal("big-one", (string?)incident["dedupKey"]);
        Assert.Equal(((string?)JsonNode.Parse(exact)!["padding"])!.Length, ((string?)incident["details"]!["padding"])!.Length);
    }

    /// <summary>
    /// A 202 must always become an incident. Azurite stores entities Azure refuses (over 1 MiB, 64 KiB properties), so
    /// the fixture holds every write to Azure's limits (<see cref="AzureTableLimits"/>): this body, the largest and most
    /// expensive to store (512 KiB of escapes and emoji in details, the longest title and description), is applied.
    /// </summary>
    [Fact]
    public async Task The_most_expensive_body_to_store_is_accepted_and_opens_its_incident_within_azures_limits()
    {
        var account = await devHost.CreateAccountAsync();
        var body = new JsonObject
        {
            ["event_type"] = "create",
            ["Id"] = "worst-case",
            ["Title"] = string.Concat(Enumerable.Repeat("🔥", WebhookLimits.MaxTitleLength / 2)),
            ["Description"] = string.Concat(Enumerable.Repeat("é", WebhookLimits.MaxDescriptionLength)),
        };
        // Unknown properties are kept as details, with their names.
        var extra = 0;
        for (; System.Text.Encoding.UTF8.GetByteCount(body.ToJsonString()) < WebhookLimits.MaxBodyBytes - 1200; extra++)
        {
            body[$"k{extra}"] = string.Concat(Enumerable.Repeat("😀\n\"", 40));
        }
        var json = body.ToJsonString();
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(json), 400 * 1024, WebhookLimits.MaxBodyBytes);

        using var accepted = await devHost.PostWebhookAsync(account.WebhookPath, json);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal(extra, incident["details"]!.AsObject().Count);
    }

    /// <summary>
    /// The parser accepts 64 levels of nesting; the event travels inside an envelope and the incident inside a list, which
    /// add levels. A body nested a little less than the limit was answered 500, and one just below it was accepted but
    /// then broke the incident list with a 500 until it left every page.
    /// </summary>
    [Fact]
    public async Task A_body_nested_to_the_parsers_limit_is_applied_and_listed()
    {
        var account = await devHost.CreateAccountAsync();
        var json = """{"event_type":"create","Id":"deep","Title":"t","Description":"d","deep":""" + new string('[', 63) + new string(']', 63) + "}";

        using var accepted = await devHost.PostWebhookAsync(account.WebhookPath, json);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        // Read as text: the answer is deeper than .NET's default reader allows, as it may be (browsers have no limit).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            using var read = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/incidents/1");
            status = read.StatusCode;
        }
        while (status == HttpStatusCode.NotFound && DateTime.UtcNow < deadline);
        using var list = await devHost.Admin(HttpMethod.Get, $"api/accounts/{account.Id}/incidents");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"deep\":[[[", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_body_lists_every_problem_at_once()
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":true,"Title":"","Description":1,"Urgency":"urgent"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid", (string?)body["status"]);
        var fields = body["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToList();
        Assert.Equal(["Id", "Title", "Description", "Urgency"], fields);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"create\"")]
    public async Task Body_that_is_not_a_json_object_is_400(string body)
    {
        var account = await devHost.CreateAccountAsync();
        using var response = await devHost.PostWebhookAsync(account.WebhookPath, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Field_names_match_case_insensitively_and_extra_fields_become_details()
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await devHost.PostWebhookAsync(account.WebhookPath,
            """{"EVENT_TYPE":" Create ","id":"cpu","TITLE":"CPU high","description":"95%","urgency":"critical","tags":["db","prod"],"host":"db1","value":95}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, i => true);
        Assert.Equal("critical", (string?)incident["urgency"]);
        Assert.Equal(["db", "prod"], incident["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("""{"host":"db1","value":95}""", incident["details"]!.ToJsonString());
    }

    private static string BodyOfSize(int bytes, string id)
    {
        var prefix = $$"""{"event_type":"create","Id":"{{id}}","Title":"Large","Description":"Large body","padding":" """.TrimEnd();
        const string suffix = "\"}";
        return prefix + new string('x', bytes - Encoding.UTF8.GetByteCount(prefix) - suffix.Length) + suffix;
    }
}
