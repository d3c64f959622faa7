using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>Problems with the body as a whole: not JSON, not UTF-8, not an object, too deep, too large.</summary>
public class WebhookParserBodyTests
{
    [Fact]
    public void Utf8BomIsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ValidCreate().ToJsonString())).ToArray();

        Assert.Equal("disk-full-db1", AssertValid(WebhookEventParser.Parse(bytes)).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    public void EmptyBodyIsNotJson(string text)
    {
        var error = SingleError(WebhookEventParser.Parse(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(new FieldError("body", "must be valid JSON: the body is empty"), error);
    }

    [Fact]
    public void NotJsonGivesOneBodyErrorWithPosition()
    {
        var error = SingleError(Parse("event_type=create&Id=a"));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
        Assert.EndsWith("(line 1, byte 1)", error.Message);
    }

    [Fact]
    public void SyntaxErrorPositionIsOneBasedLineAndByte()
    {
        var error = SingleError(Parse("{\n  'event_type': 'create',\n  oops\n}"));

        Assert.Equal("body", error.Field);
        Assert.EndsWith("(line 3, byte 3)", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("{'event_type':'create',}")]            // trailing comma
    [InlineData("{'event_type':'create' /* note */}")]  // comment
    [InlineData("{'event_type':'create'} // note")]
    [InlineData("{'event_type':'create'} {}")]          // two values
    [InlineData("{'event_type':'create'")]              // truncated
    [InlineData("{event_type:'create'}")]               // unquoted name
    public void StrictJsonIsRequired(string json)
    {
        var error = SingleError(Parse(json));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
    }

    [Fact]
    public void InvalidUtf8IsNotJson()
    {
        byte[] bytes = [.. "{\"event_type\":\"create\",\"Id\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.Equal(new FieldError("body", "must be valid JSON: the body is not valid UTF-8"), SingleError(WebhookEventParser.Parse(bytes)));
    }

    [Theory]
    [InlineData("{'event_type':'create','Id':'\\ud800','Title':'t','Description':'d'}")]
    [InlineData("{'event_type':'create','Id':'a','Title':'t','Description':'d','x':{'y':'\\udc00'}}")]
    [InlineData("{'\\ud800':1}")]
    public void UnpairedSurrogateEscapeIsNotJson(string json)
    {
        var error = SingleError(Parse(json));

        Assert.Equal(new FieldError("body", "must be valid JSON: a string contains an unpaired UTF-16 surrogate escape"), error);
    }

    [Theory]
    [InlineData("[]", "array")]
    [InlineData("[{'event_type':'create'}]", "array")]
    [InlineData("'create'", "string")]
    [InlineData("42", "number")]
    [InlineData("true", "boolean")]
    [InlineData("null", "null")]
    public void JsonThatIsNotAnObjectIsRejected(string json, string found)
    {
        Assert.Equal(new FieldError("body", $"must be a JSON object, got {found}"), SingleError(Parse(json)));
    }

    [Fact]
    public void NestingOf64LevelsIsAccepted()
    {
        // The body object is level 1, so 63 nested arrays reach the limit exactly.
        var json = "{'event_type':'create','Id':'a','Title':'t','Description':'d','deep':" + new string('[', 63) + new string(']', 63) + "}";

        Assert.True(Parse(json).IsValid);
    }

    [Fact]
    public void NestingDeeperThan64LevelsIsABodyError()
    {
        var json = "{'event_type':'create','Id':'a','Title':'t','Description':'d','deep':" + new string('[', 64) + new string(']', 64) + "}";

        var error = SingleError(Parse(json));

        Assert.Equal("body", error.Field);
        Assert.StartsWith("must be valid JSON: ", error.Message);
        Assert.Contains("depth of 64", error.Message);
    }

    [Fact]
    public void BodyOverTheByteLimitIsRejectedBeforeParsing()
    {
        var bytes = new byte[WebhookLimits.MaxBodyBytes + 1];
        Array.Fill(bytes, (byte)' ');

        Assert.Equal(new FieldError("body", "must be at most 524288 bytes (got 524289)"), SingleError(WebhookEventParser.Parse(bytes)));
    }

    [Fact]
    public void BodyAtTheByteLimitIsParsed()
    {
        var body = ValidCreate();
        body["pad"] = "";
        var padding = WebhookLimits.MaxBodyBytes - Encoding.UTF8.GetByteCount(body.ToJsonString());
        body["pad"] = new string('p', padding);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());

        Assert.Equal(WebhookLimits.MaxBodyBytes, bytes.Length);
        Assert.True(WebhookEventParser.Parse(bytes).IsValid);
    }
}
