using Klaxon.Common;
using Klaxon.Ingestion;

namespace Klaxon.Tests.Ingestion;

public class WebhookEventTypeTests
{
    [Theory]
    [InlineData(WebhookEventType.Create, "create")]
    [InlineData(WebhookEventType.Acknowledge, "acknowledge")]
    [InlineData(WebhookEventType.Resolve, "resolve")]
    public void WireNamesRoundTrip(WebhookEventType eventType, string wire)
    {
        Assert.Equal(wire, eventType.ToWire());
        Assert.True(WireNames.TryParse<WebhookEventType>(wire, out var parsed, lenient: true));
        Assert.Equal(eventType, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("Create, Resolve")]
    [InlineData("ack")]
    public void TryParseRejectsNonWireValues(string? wire)
    {
        Assert.False(WireNames.TryParse<WebhookEventType>(wire, out _, lenient: true));
    }

    [Fact]
    public void ToWireRejectsUndefinedValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((WebhookEventType)42).ToWire());
    }

    [Fact]
    public void FailureNeedsAtLeastOneError()
    {
        Assert.Throws<ArgumentException>(() => WebhookParseResult.Failure([]));
    }

    [Fact]
    public void FailureCopiesItsErrors()
    {
        var errors = new List<FieldError> { new("Id", "is required") };
        var result = WebhookParseResult.Failure(errors);
        errors.Clear();

        Assert.False(result.IsValid);
        Assert.Single(result.Errors);
    }
}
