using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>The <c>Id</c> field: required on every event type, a non-blank string of at most 255 characters, kept exactly.</summary>
public class WebhookParserIdTests
{
    [Fact]
    public void IdIsRequiredForEveryEventType()
    {
        Assert.Equal(new FieldError("Id", "is required"), SingleError(Parse("{'event_type':'resolve'}")));
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

    [Fact]
    public void IdMustBeAString()
    {
        var body = ValidCreate();
        body["Id"] = 12345;

        Assert.Equal(new FieldError("Id", "must be a string, got number"), SingleError(Parse(body)));
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
