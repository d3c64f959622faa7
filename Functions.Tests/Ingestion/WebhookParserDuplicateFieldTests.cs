using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>A field sent twice, in any casing, at the top level or inside details.</summary>
public class WebhookParserDuplicateFieldTests
{
    [Fact]
    public void FieldRepeatedWithDifferentCasingIsOneError()
    {
        var result = Parse("{'event_type':'create','Id':'a','id':'b','Title':'t','Description':'d'}");

        // Exactly one error: no extra "is required" for the field we refused to pick a value for.
        Assert.Equal(new FieldError("Id", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void ExactlyDuplicatedFieldIsAnErrorReportedOnceUnderItsCanonicalName()
    {
        var result = Parse("{'event_type':'create','Id':'a','title':'t','title':'t','TITLE':'t','Description':'d'}");

        Assert.Equal(new FieldError("Title", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void RepeatedUnknownPropertyIsAnErrorUnderItsFirstSpelling()
    {
        var result = Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','host':'x','Host':'y'}");

        Assert.Equal(new FieldError("host", "appears more than once"), SingleError(result));
    }

    [Fact]
    public void DuplicateInsideANestedDetailIsReportedAtItsPath()
    {
        var result = Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','meta':{'list':[{'k':1,'k':2}]}}");

        Assert.Equal(new FieldError("meta.list[0].k", "appears more than once"), SingleError(result));
    }
}
