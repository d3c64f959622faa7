using System.Text.Json;
using Klaxon.Common;
using Klaxon.Http;

namespace Klaxon.Tests.Http;

public class JsonFieldsTests
{
    [Theory]
    [InlineData("""{"text":"hello"}""", "hello")]
    [InlineData("""{"text":"  "}""", "  ")]
    [InlineData("""{"text":null}""", null)]
    [InlineData("""{}""", null)]
    public void An_optional_string_is_its_text_or_null_when_absent(string json, string? expected)
    {
        var errors = new List<FieldError>();

        Assert.Equal(expected, JsonFields.OptionalString(JsonDocument.Parse(json).RootElement, "text", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"text":5}""")]
    [InlineData("""{"text":["a"]}""")]
    [InlineData("""{"text":{"a":1}}""")]
    [InlineData("""{"text":true}""")]
    public void Anything_else_is_named_with_the_rule(string json)
    {
        var errors = new List<FieldError>();

        Assert.Null(JsonFields.OptionalString(JsonDocument.Parse(json).RootElement, "text", errors));
        Assert.Equal(new FieldError("text", "must be a string"), Assert.Single(errors));
    }
}
