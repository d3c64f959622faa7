using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>Unknown properties are kept as details, with their names, values and order.</summary>
public class WebhookParserDetailsTests
{
    [Fact]
    public void DetailsKeepUnknownPropertiesWithOriginalNamesValuesAndOrder()
    {
        var result = Parse(
            "{'zeta':1,'event_type':'create','Host':'db1','Id':'a','nested':{'b':[1,{'c':null}],'a':true}," +
            "'Title':'t','ratio':1.50,'nothing':null,'list':['x',2],'Description':'d','Tags':['p'],'big':1e3}");

        var details = AssertValid(result).Details;

        Assert.Equal(
            """{"zeta":1,"Host":"db1","nested":{"b":[1,{"c":null}],"a":true},"ratio":1.50,"nothing":null,"list":["x",2],"big":1e3}""",
            details.ToJsonString());
        Assert.Equal("db1", details["Host"]!.GetValue<string>());
        Assert.Null(details["host"]); // names are kept as sent; the JsonObject itself is case-sensitive
        Assert.True(details.ContainsKey("nothing"));
        Assert.True(details["nested"]!["a"]!.GetValue<bool>());
    }

    [Fact]
    public void DetailsExcludeKnownFieldsInAnyCasing()
    {
        var e = AssertValid(Parse(
            "{'EVENT_TYPE':'create','id':'a','title':'t','DESCRIPTION':'d','urgency':'low','tags':[],'extra':'kept'}"));

        Assert.Equal("""{"extra":"kept"}""", e.Details.ToJsonString());
    }

    [Fact]
    public void DetailsCanBeUsedAfterParseReturns()
    {
        // The parser disposes its pooled document; details must not depend on it.
        var e = AssertValid(Parse("{'event_type':'create','Id':'a','Title':'t','Description':'d','n':42,'o':{'s':'v'}}"));
        GC.Collect();

        Assert.Equal(42, e.Details["n"]!.GetValue<int>());
        Assert.Equal("v", e.Details["o"]!["s"]!.GetValue<string>());
    }
}
