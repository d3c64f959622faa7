using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>The optional <c>Tags</c> array: deduplicated, each a short string, at most fifty.</summary>
public class WebhookParserTagsTests
{
    [Fact]
    public void TagsAreDeduplicatedCaseSensitivelyInFirstSeenOrder()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray("b", "a", "b", "A", "a", "c");

        Assert.Equal(["b", "a", "A", "c"], AssertValid(Parse(body)).Tags);
    }

    [Fact]
    public void TagsMustBeAnArray()
    {
        var body = ValidCreate();
        body["Tags"] = "db,prod";

        Assert.Equal(new FieldError("Tags", "must be an array of strings, got string"), SingleError(Parse(body)));
    }

    [Fact]
    public void EachBadTagIsReportedAtItsIndex()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray("ok", "", 7, null, new string('t', 129), "   ");

        var result = Parse(body);

        Assert.Equal(
            [
                new FieldError("Tags[1]", "must not be empty"),
                new FieldError("Tags[2]", "must be a string, got number"),
                new FieldError("Tags[3]", "must be a string, got null"),
                new FieldError("Tags[4]", "must be at most 128 characters (got 129)"),
                new FieldError("Tags[5]", "must not be empty"),
            ],
            result.Errors);
    }

    [Fact]
    public void TagOf128CharactersIsAccepted()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray(new string('t', 128));

        Assert.Equal(128, Assert.Single(AssertValid(Parse(body)).Tags).Length);
    }

    [Fact]
    public void FiftyTagsAreAccepted()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray(Enumerable.Range(0, 50).Select(i => (JsonNode?)$"t{i}").ToArray());

        Assert.Equal(50, AssertValid(Parse(body)).Tags.Count);
    }

    [Fact]
    public void FiftyOneTagsAreRejectedEvenIfDuplicates()
    {
        // The limit is on what was sent, so it is checked before duplicates are removed.
        var body = ValidCreate();
        body["Tags"] = new JsonArray(Enumerable.Repeat(0, 51).Select(_ => (JsonNode?)"same").ToArray());

        Assert.Equal(new FieldError("Tags", "must have at most 50 items (got 51)"), SingleError(Parse(body)));
    }

    [Fact]
    public void EmptyTagsArrayIsFine()
    {
        var body = ValidCreate();
        body["Tags"] = new JsonArray();

        Assert.Empty(AssertValid(Parse(body)).Tags);
    }
}
