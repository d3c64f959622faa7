using Klaxon.Common;
using Klaxon.Ingestion;
using static Klaxon.Tests.Ingestion.WebhookBodies;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// What monitoring tools' built-in PagerTree notifiers send, which PagerTree's own webhook adapter accepts: lower-case
/// keys, a numeric id, no description, the urgency <c>silent</c>, nested objects, and a resolve whose title is null.
/// </summary>
public class WebhookParserPagerTreeSenderTests
{
    [Fact]
    public void ACreateAsPagerTreeSendersWriteItIsAccepted()
    {
        var e = AssertValid(Parse(
            "{'event_type':'create','id':4711,'title':'CPU high on web1','urgency':'silent','tags':['web']," +
            "'meta':{'host':'web1','checks':[{'name':'cpu','value':97.5}]},'heartbeat':null}"));

        Assert.Equal(WebhookEventType.Create, e.EventType);
        Assert.Equal("4711", e.Id);
        Assert.Equal("CPU high on web1", e.Title);
        Assert.Equal("", e.Description);
        Assert.Equal(Urgency.Silent, e.Urgency);
        Assert.Equal(["web"], e.Tags);
        Assert.Equal(97.5, e.Details["meta"]!["checks"]![0]!["value"]!.GetValue<double>());
    }

    [Fact]
    public void AResolveWithANullTitleAndANumericIdIsAccepted()
    {
        var e = AssertValid(Parse("{'event_type':'resolve','id':4711,'title':null,'description':null,'urgency':null}"));

        Assert.Equal((WebhookEventType.Resolve, "4711", (string?)null, (string?)null), (e.EventType, e.Id, e.Title, e.Description));
    }

    [Fact]
    public void ANumericIdIsTheSameKeyAsItsTextSoCreateAndResolveMeet()
    {
        var created = AssertValid(Parse("{'event_type':'create','id':4711,'title':'t'}"));
        var resolved = AssertValid(Parse("{'event_type':'resolve','Id':'4711'}"));

        Assert.Equal(created.Id, resolved.Id);
    }

    [Fact]
    public void UptimeKumasPagerTreeNotifierIsAcceptedDownAndUp()
    {
        // The shape of Uptime Kuma's PagerTree provider: the monitor id as a number, null title on resolve, and the
        // heartbeat and monitor objects as sent (abridged).
        const string monitor = "'monitor':{'id':29,'name':'Shop','description':null,'url':'https://shop.example','active':true,"
            + "'accepted_statuscodes':['200-299'],'notificationIDList':{'2':true},'tags':[]}";
        var down = AssertValid(Parse("{'event_type':'create','id':29,'title':'Uptime Kuma Monitor \\'Shop\\' is DOWN','urgency':'high',"
            + "'heartbeat':{'monitorID':29,'status':0,'time':'2026-03-02 09:00:00.000','msg':'timeout','important':true,'duration':0},"
            + monitor + "}"));
        var up = AssertValid(Parse("{'event_type':'resolve','id':29,'title':null,'urgency':'high','heartbeat':{'monitorID':29,'status':1}," + monitor + "}"));

        Assert.Equal((WebhookEventType.Create, "29", Urgency.High), (down.EventType, down.Id, down.Urgency));
        Assert.Equal("timeout", (string?)down.Details["heartbeat"]!["msg"]);
        Assert.Equal(["heartbeat", "monitor"], down.Details.Select(p => p.Key));
        Assert.Equal((WebhookEventType.Resolve, "29"), (up.EventType, up.Id));
    }

    [Fact]
    public void WhatIsTrulyWrongIsStillRefusedWithEveryError()
    {
        var result = Parse("{'event_type':'create','id':true,'urgency':'loud','tags':'web'}");

        Assert.Equal(
            [
                new FieldError("Id", "must be a string or a number, got boolean"),
                new FieldError("Title", "is required"),
                new FieldError("Urgency", "must be one of silent, low, medium, high or critical"),
                new FieldError("Tags", "must be an array of strings, got string"),
            ],
            result.Errors);
    }
}
