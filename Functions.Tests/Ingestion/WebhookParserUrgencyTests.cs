using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>The optional <c>Urgency</c> field.</summary>
public class WebhookParserUrgencyTests
{
    [Theory]
    [InlineData("silent", Urgency.Silent)]
    [InlineData("low", Urgency.Low)]
    [InlineData("Medium", Urgency.Medium)]
    [InlineData(" HIGH ", Urgency.High)]
    [InlineData("critical", Urgency.Critical)]
    public void UrgencyIsParsed(string wire, Urgency expected)
    {
        var body = ValidCreate();
        body["Urgency"] = wire;

        Assert.Equal(expected, AssertValid(Parse(body)).Urgency);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData("2")]
    public void UrgencyMustBeKnown(string wire)
    {
        var body = ValidCreate();
        body["Urgency"] = wire;

        Assert.Equal(new FieldError("Urgency", "must be one of silent, low, medium, high or critical"), SingleError(Parse(body)));
    }

    [Fact]
    public void UrgencyMustBeAString()
    {
        var body = ValidCreate();
        body["Urgency"] = 3;

        Assert.Equal(new FieldError("Urgency", "must be a string, got number"), SingleError(Parse(body)));
    }
}
