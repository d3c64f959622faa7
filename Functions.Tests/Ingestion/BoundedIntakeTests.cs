using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// One webhook URL could exhaust the worker: the parser built a full path string per child (a 64 Ki-character key over
/// 60,000 items allocated gigabytes and took seconds), and answers listed every error in full (2,000 repeated keys gave
/// a 113 KB answer). Work, memory and answers are now bounded whatever the body's shape.
/// </summary>
[Collection(DevHostCollection.Name)]
public class BoundedIntakeTests(DevHostFixture devHost)
{
    [Fact]
    public void Copying_details_under_a_huge_key_allocates_in_proportion_to_the_body_not_to_key_times_items()
    {
        var key = new string('k', 64 * 1024);
        var json = $$"""{"{{key}}":[{{string.Join(",", Enumerable.Repeat("1", 60_000))}}]}""";
        using var document = JsonDocument.Parse(json);
        var errors = new List<FieldError>();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var node = JsonBody.ToNode(document.RootElement, "$", errors);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(errors);
        Assert.Equal(60_000, node![key]!.AsArray().Count);
        // A path string per item would be 60,000 × 128 KiB ≈ 7.8 GB.
        Assert.InRange(allocated, 0, 100L * 1024 * 1024);
    }

    [Fact]
    public async Task Thousands_of_repeated_keys_get_one_short_answer()
    {
        var account = await devHost.CreateAccountAsync();
        var repeated = string.Join(",", Enumerable.Range(0, 2000).SelectMany(i => new[] { $"\"r{i}\":1", $"\"r{i}\":2" }));
        var body = "{\"event_type\":\"create\",\"Id\":\"x\",\"Title\":\"t\",\"Description\":\"d\",\"d\":{" + repeated + "}}";

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 0, 64 * 1024);
        var errors = JsonNode.Parse(text)!["errors"]!.AsArray();
        Assert.Equal(FieldErrors.MaxListed + 1, errors.Count);
        Assert.Equal("d.r0", (string?)errors[0]!["field"]);
        Assert.Equal("has 1900 more problems than the 100 listed; fix these first", (string?)errors[^1]!["message"]);
    }

    [Fact]
    public async Task A_huge_repeated_key_is_not_echoed_in_full()
    {
        var account = await devHost.CreateAccountAsync();
        var key = new string('k', 64 * 1024);
        var body = "{\"event_type\":\"create\",\"Id\":\"x\",\"Title\":\"t\",\"Description\":\"d\",\"d\":{\"" + key + "\":1,\"" + key + "\":2}}";

        using var response = await devHost.PostWebhookAsync(account.WebhookPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var field = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]!;
        Assert.Equal(FieldErrors.MaxTextLength, field.Length);
        Assert.EndsWith("…", field, StringComparison.Ordinal);
    }
}
