using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// The <c>Id</c> field: a non-blank string or a number of at most 255 characters, kept exactly; required to acknowledge or
/// resolve, generated on create when left out (as PagerTree does).
/// </summary>
public class WebhookParserIdTests
{
    [Theory]
    [InlineData("acknowledge")]
    [InlineData("resolve")]
    public void IdIsRequiredToAcknowledgeOrResolve(string eventType)
    {
        Assert.Equal(new FieldError("Id", "is required"), SingleError(Parse($"{{'event_type':'{eventType}'}}")));
        Assert.Equal(new FieldError("Id", "is required"), SingleError(Parse($"{{'event_type':'{eventType}','Id':null}}")));
    }

    [Theory]
    [InlineData("{'event_type':'create','Title':'t'}")]
    [InlineData("{'event_type':'create','id':null,'title':'t'}")]
    public void CreateWithoutIdGetsTheGeneratedOne(string json)
    {
        var e = AssertValid(WebhookEventParser.Parse(Encoding.UTF8.GetBytes(json.Replace('\'', '"')), "request-7"));

        Assert.Equal("request-7", e.Id);
        Assert.True(e.IdGenerated);
    }

    [Fact]
    public void CreateWithoutIdGetsADifferentIdEachTime()
    {
        var first = AssertValid(Parse("{'event_type':'create','Title':'t'}"));
        var second = AssertValid(Parse("{'event_type':'create','Title':'t'}"));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void AnIdThatWasSentIsNotGenerated()
    {
        Assert.False(AssertValid(Parse(ValidCreate())).IdGenerated);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void IdMustNotBeEmptyOrWhitespace(string id)
    {
        var body = ValidCreate();
        body["Id"] = id;

        Assert.Equal(new FieldError("Id", "must not be empty"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("-7", "-7")]
    [InlineData("1.50", "1.50")]
    [InlineData("1e3", "1e3")]
    public void NumericIdIsItsJsonText(string number, string expected)
    {
        Assert.Equal(expected, AssertValid(Parse("{'event_type':'resolve','Id':" + number + "}")).Id);
    }

    [Theory]
    [InlineData("true", "boolean")]
    [InlineData("{}", "object")]
    [InlineData("['a']", "array")]
    public void IdMustBeAStringOrANumber(string value, string kind)
    {
        Assert.Equal(new FieldError("Id", $"must be a string or a number, got {kind}"),
            SingleError(Parse("{'event_type':'create','Title':'t','Id':" + value + "}")));
    }

    [Fact]
    public void IdOf255CharactersIsAccepted()
    {
        var body = ValidCreate();
        body["Id"] = new string('i', 255);

        Assert.Equal(255, AssertValid(Parse(body)).Id.Length);
    }

    [Fact]
    public void IdOf256CharactersIsRejected()
    {
        var body = ValidCreate();
        body["Id"] = new string('i', 256);

        Assert.Equal(new FieldError("Id", "must be at most 255 characters (got 256)"), SingleError(Parse(body)));
    }
}
