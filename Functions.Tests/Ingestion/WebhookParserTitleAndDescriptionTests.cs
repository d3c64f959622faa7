using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// <c>Title</c> (required on create) and <c>Description</c> (optional everywhere): strings within their limits, null
/// meaning absent.
/// </summary>
public class WebhookParserTitleAndDescriptionTests
{
    [Fact]
    public void TitleIsRequiredOnCreate()
    {
        var body = ValidCreate();
        body.Remove("Title");

        Assert.Equal(new FieldError("Title", "is required"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void TitleMustNotBeBlankOnCreate(string value)
    {
        var body = ValidCreate();
        body["Title"] = value;

        Assert.Equal(new FieldError("Title", "must not be empty"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n")]
    public void DescriptionLeftOutOrBlankOnCreateIsEmpty(string? value)
    {
        var body = ValidCreate();
        body.Remove("Description");
        if (value is not null)
        {
            body["Description"] = value;
        }

        Assert.Equal("", AssertValid(Parse(body)).Description);
    }

    [Theory]
    [InlineData("create", "Title")]
    [InlineData("create", "Description")]
    [InlineData("acknowledge", "Title")]
    [InlineData("resolve", "Description")]
    public void TitleAndDescriptionMustBeStrings(string eventType, string field)
    {
        var body = ValidCreate();
        body["event_type"] = eventType;
        body[field] = new JsonObject { ["text"] = "x" };

        Assert.Equal(new FieldError(field, "must be a string, got object"), SingleError(Parse(body)));
    }

    [Fact]
    public void NullInAnOptionalFieldMeansAbsent()
    {
        var body = ValidCreate();
        body["event_type"] = "resolve";
        body["Title"] = null;
        body["Description"] = null;
        body["Urgency"] = null;
        body["Tags"] = null;

        var parsed = Parse(body);

        Assert.True(parsed.IsValid);
        Assert.Equal((null, null, null, 0), (parsed.Event!.Title, parsed.Event.Description, parsed.Event.Urgency, parsed.Event.Tags.Count));
        Assert.Empty(parsed.Event.Details);
    }

    [Fact]
    public void NullInARequiredFieldIsAWrongType()
    {
        var body = ValidCreate();
        body["Title"] = null;

        Assert.Equal(new FieldError("Title", "must be a string, got null"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("Title", 1024)]
    [InlineData("Description", 65536)]
    public void TitleAndDescriptionAtTheLimitAreAccepted(string field, int length)
    {
        var body = ValidCreate();
        body[field] = new string('x', length);

        var e = AssertValid(Parse(body));

        Assert.Equal(length, (field == "Title" ? e.Title : e.Description)!.Length);
    }

    [Theory]
    [InlineData("create", "Title", 1025, "must be at most 1024 characters (got 1025)")]
    [InlineData("create", "Description", 65537, "must be at most 65536 characters (got 65537)")]
    [InlineData("acknowledge", "Title", 2000, "must be at most 1024 characters (got 2000)")]
    [InlineData("resolve", "Description", 70000, "must be at most 65536 characters (got 70000)")]
    public void TitleAndDescriptionOverTheLimitAreRejected(string eventType, string field, int length, string message)
    {
        var body = ValidCreate();
        body["event_type"] = eventType;
        body[field] = new string('x', length);

        Assert.Equal(new FieldError(field, message), SingleError(Parse(body)));
    }

    [Fact]
    public void DescriptionLimitCountsUtf16CharsNotBytesOrCodePoints()
    {
        // 😀 is one code point, two UTF-16 chars and four UTF-8 bytes.
        var body = ValidCreate();
        body["Description"] = string.Concat(Enumerable.Repeat("😀", 32768)); // 65536 chars, 131072 bytes
        Assert.True(Parse(body).IsValid);

        body["Description"] = string.Concat(Enumerable.Repeat("😀", 32768)) + "!";
        Assert.Equal(new FieldError("Description", "must be at most 65536 characters (got 65537)"), SingleError(Parse(body)));
    }

    [Fact]
    public void WithoutAValidEventTypeTitleIsNotRequiredButStillChecked()
    {
        // We cannot know whether Title was required, so only its own problems are reported.
        var result = Parse("{'event_type':'bogus','Id':'a','Title':5}");

        Assert.Equal(
            [
                new FieldError("event_type", "must be one of create, acknowledge or resolve"),
                new FieldError("Title", "must be a string, got number"),
            ],
            result.Errors);
    }
}
