using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>What a valid body gives: the PagerTree seed example, the full contract, case-insensitive names, trimming, and what is optional.</summary>
public class WebhookParserAcceptsTests
{
    [Fact]
    public void PagerTreeSeedExampleParses()
    {
        var e = AssertValid(Parse("{'event_type':'create','Id':'seed-1','Title':'Seed title','Description':'Seed description'}"));

        Assert.Equal(WebhookEventType.Create, e.EventType);
        Assert.Equal("seed-1", e.Id);
        Assert.Equal("Seed title", e.Title);
        Assert.Equal("Seed description", e.Description);
        Assert.Null(e.Urgency);
        Assert.Empty(e.Tags);
        Assert.Empty(e.Details);
    }

    [Fact]
    public void FullContractExampleParses()
    {
        var e = AssertValid(Parse(
            "{'event_type': 'create', 'Id': 'disk-full-db1', 'Title': 'Disk full', 'Description': 'db1 /var at 98%', " +
            "'Urgency': 'critical', 'Tags': ['db','prod'], 'host': 'db1', 'value': 98}"));

        Assert.Equal(Urgency.Critical, e.Urgency);
        Assert.Equal(["db", "prod"], e.Tags);
        Assert.Equal("""{"host":"db1","value":98}""", e.Details.ToJsonString());
    }

    [Theory]
    [InlineData("event_type", "id", "title", "description")]
    [InlineData("EVENT_TYPE", "ID", "TITLE", "DESCRIPTION")]
    [InlineData("Event_Type", "iD", "tItLe", "Description")]
    public void KnownFieldNamesMatchCaseInsensitively(string eventType, string id, string title, string description)
    {
        var body = new JsonObject
        {
            [eventType] = "create", [id] = "x", [title] = "t", [description] = "d",
            ["urgency"] = "high", ["TAGS"] = new JsonArray("a"),
        };

        var e = AssertValid(Parse(body));

        Assert.Equal(("x", "t", "d", Urgency.High), (e.Id, e.Title, e.Description, e.Urgency));
        Assert.Equal(["a"], e.Tags);
        Assert.Empty(e.Details); // none of the differently-cased known names leak into details
    }

    [Theory]
    [InlineData("create", WebhookEventType.Create)]
    [InlineData(" Create ", WebhookEventType.Create)]
    [InlineData("ACKNOWLEDGE", WebhookEventType.Acknowledge)]
    [InlineData("\tacknowledge\n", WebhookEventType.Acknowledge)]
    [InlineData("Resolve", WebhookEventType.Resolve)]
    public void EventTypeIsTrimmedAndCaseInsensitive(string wire, WebhookEventType expected)
    {
        var body = ValidCreate();
        body["event_type"] = wire;

        Assert.Equal(expected, AssertValid(Parse(body)).EventType);
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("resolve")]
    public void AcknowledgeAndResolveNeedOnlyId(string eventType)
    {
        var e = AssertValid(Parse($"{{'event_type':'{eventType}','Id':'disk-full-db1'}}"));

        Assert.Equal("disk-full-db1", e.Id);
        Assert.Null(e.Title);
        Assert.Null(e.Description);
    }

    [Fact]
    public void AcknowledgeKeepsTitleAndDescriptionWhenGiven()
    {
        var e = AssertValid(Parse("{'event_type':'acknowledge','Id':'a','Title':'T','Description':'D'}"));

        Assert.Equal(("T", "D"), (e.Title, e.Description));
    }

    [Fact]
    public void BlankTitleAndDescriptionOnResolveAreTreatedAsAbsent()
    {
        var e = AssertValid(Parse("{'event_type':'resolve','Id':'a','Title':'  ','Description':''}"));

        Assert.Null(e.Title);
        Assert.Null(e.Description);
    }

    [Fact]
    public void IdIsKeptExactlyAsSent()
    {
        var body = ValidCreate();
        body["Id"] = "  spaced id ";

        Assert.Equal("  spaced id ", AssertValid(Parse(body)).Id);
    }
}
