using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>The <c>event_type</c> field: required, one of the known values, a string.</summary>
public class WebhookParserEventTypeTests
{
    [Fact]
    public void EventTypeIsRequired()
    {
        var body = ValidCreate();
        body.Remove("event_type");

        Assert.Equal(new FieldError("event_type", "is required"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("open")]
    [InlineData("created")]
    [InlineData("0")]
    [InlineData("create,resolve")]
    [InlineData("trigger")]
    public void EventTypeMustBeKnown(string wire)
    {
        var body = ValidCreate();
        body["event_type"] = wire;

        Assert.Equal(new FieldError("event_type", "must be one of create, acknowledge or resolve"), SingleError(Parse(body)));
    }

    [Theory]
    [InlineData("1", "number")]
    [InlineData("null", "null")]
    [InlineData("true", "boolean")]
    [InlineData("['create']", "array")]
    [InlineData("{}", "object")]
    public void EventTypeMustBeAString(string json, string found)
    {
        var error = SingleError(Parse($"{{'event_type':{json},'Id':'a'}}"));

        Assert.Equal(new FieldError("event_type", $"must be a string, got {found}"), error);
    }

    [Fact]
    public void BlankEventTypeIsEmpty()
    {
        Assert.Equal(new FieldError("event_type", "must not be empty"), SingleError(Parse("{'event_type':'  ','Id':'a'}")));
    }
}
