using System.Text;
using Klaxon.Common;
using Klaxon.Ingestion;

namespace Klaxon.Tests.Ingestion;

/// <summary>The PagerDuty Events API v2 contract: every field rule, the severity mapping, what is kept.</summary>
public class PagerDutyParserTests
{
    private const string Trigger =
        "{'routing_key':'k','event_action':'trigger','dedup_key':'db1-disk','payload':{'summary':'Disk full on db1','source':'db1','severity':'critical'}}";

    private static PagerDutyParseResult Parse(string json, bool requireRoutingKey = true) =>
        PagerDutyEventParser.Parse(Encoding.UTF8.GetBytes(json.Replace('\'', '"')), "generated-key", requireRoutingKey);

    private static WebhookEvent Valid(string json, bool requireRoutingKey = true)
    {
        var result = Parse(json, requireRoutingKey);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Event;
    }

    [Fact]
    public void A_trigger_opens_with_the_summary_as_title_and_the_dedup_key_as_id()
    {
        var result = Parse(Trigger);
        var e = Valid(Trigger);

        Assert.Equal("k", result.RoutingKey);
        Assert.Equal((WebhookEventType.Create, "db1-disk", "Disk full on db1", Urgency.Critical, false), (e.EventType, e.Id, e.Title, e.Urgency, e.IdGenerated));
        Assert.Equal("Source: db1\nSeverity: critical", e.Description!.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("critical", Urgency.Critical)]
    [InlineData("error", Urgency.High)]
    [InlineData("warning", Urgency.Medium)]
    [InlineData("info", Urgency.Low)]
    public void Severity_maps_to_urgency(string severity, Urgency urgency)
    {
        Assert.Equal(urgency, Valid(Trigger.Replace("critical", severity, StringComparison.Ordinal)).Urgency);
    }

    [Fact]
    public void A_trigger_without_a_dedup_key_gets_the_generated_one()
    {
        var e = Valid("{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','source':'x','severity':'info'}}");

        Assert.Equal(("generated-key", true), (e.Id, e.IdGenerated));
    }

    [Theory]
    [InlineData("acknowledge", WebhookEventType.Acknowledge)]
    [InlineData("resolve", WebhookEventType.Resolve)]
    public void Acknowledge_and_resolve_need_only_the_dedup_key_and_ignore_the_payload(string action, WebhookEventType type)
    {
        var e = Valid($"{{'routing_key':'k','event_action':'{action}','dedup_key':'db1-disk','payload':'ignored'}}");

        Assert.Equal((type, "db1-disk", (string?)null), (e.EventType, e.Id, e.Title));
    }

    [Fact]
    public void Everything_pagerduty_keeps_on_an_alert_is_kept_in_details()
    {
        var e = Valid("{'routing_key':'k','event_action':'trigger','dedup_key':'d','client':'Prometheus','client_url':'http://prom/',"
            + "'links':[{'href':'http://runbook/','text':'Runbook'}],'images':[{'src':'http://graph.png','href':'http://graph','alt':'Graph'}],"
            + "'payload':{'summary':'s','source':'db1','severity':'error','timestamp':'2026-03-02T09:00:00.000+0000','component':'postgres',"
            + "'group':'prod-db','class':'disk','custom_details':{'free':'2%','mount':'/var','inodes':12}}}");

        Assert.Equal(
            """{"source":"db1","severity":"error","timestamp":"2026-03-02T09:00:00.000+0000","component":"postgres","group":"prod-db","class":"disk","custom_details":{"free":"2%","mount":"/var","inodes":12},"client":"Prometheus","client_url":"http://prom/","links":[{"href":"http://runbook/","text":"Runbook"}],"images":[{"src":"http://graph.png","href":"http://graph","alt":"Graph"}]}""",
            e.Details.ToJsonString(KlaxonJson.Options));
        Assert.Contains("free: 2%", e.Description, StringComparison.Ordinal);
        Assert.Contains("inodes: 12", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var result = Parse("{'event_action':'trigger','dedup_key':'" + new string('d', 256) + "','links':[{'href':5}],"
            + "'payload':{'summary':'" + new string('s', 1025) + "','severity':'fatal','timestamp':'yesterday'}}");

        Assert.Null(result.RoutingKey);
        Assert.Equal(
            [
                new FieldError("routing_key", "is required"),
                new FieldError("dedup_key", "must be at most 255 characters (got 256)"),
                new FieldError("payload.summary", "must be at most 1024 characters (got 1025)"),
                new FieldError("payload.source", "is required"),
                new FieldError("payload.severity", "must be one of critical, error, warning or info"),
                new FieldError("payload.timestamp", "must be an ISO 8601 date and time, e.g. 2026-03-02T09:00:00Z"),
                new FieldError("links[0].href", "must be a string, got number"),
            ],
            result.Errors);
    }

    [Theory]
    [InlineData("{'routing_key':'k'}", "event_action", "is required")]
    [InlineData("{'routing_key':'k','event_action':'snooze'}", "event_action", "must be one of trigger, acknowledge or resolve")]
    [InlineData("{'routing_key':'k','event_action':'resolve'}", "dedup_key", "is required")]
    [InlineData("{'routing_key':'k','event_action':'trigger'}", "payload", "is required")]
    [InlineData("{'routing_key':'k','event_action':'trigger','payload':[]}", "payload", "must be an object, got array")]
    [InlineData("{'routing_key':'k','event_action':'trigger','payload':{'summary':' ','source':'x','severity':'info'}}", "payload.summary", "must not be empty")]
    [InlineData("{'routing_key':7,'event_action':'resolve','dedup_key':'d'}", "routing_key", "must be a string, got number")]
    [InlineData("{'routing_key':'k','event_action':'resolve','dedup_key':'d','images':{}}", "images", "must be an array of objects, got object")]
    public void Each_rule_is_enforced(string json, string field, string message)
    {
        Assert.Equal(new FieldError(field, message), Assert.Single(Parse(json).Errors));
    }

    [Fact]
    public void Links_and_images_without_a_target_are_dropped_not_refused()
    {
        var e = Valid("{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','source':'x','severity':'info'},"
            + "'links':[{'href':'','text':'empty'},{'text':'none'},{'href':'http://runbook/'}],'images':[{'src':null,'alt':'a'}]}");

        Assert.Equal("""[{"href":"http://runbook/"}]""", e.Details["links"]!.ToJsonString());
        Assert.Equal("[]", e.Details["images"]!.ToJsonString());
    }

    [Fact]
    public void On_the_integration_url_the_routing_key_may_be_left_out()
    {
        Assert.Equal("d", Valid("{'event_action':'resolve','dedup_key':'d'}", requireRoutingKey: false).Id);
    }

    [Fact]
    public void The_routing_key_is_known_even_when_the_rest_is_invalid()
    {
        Assert.Equal("k", Parse("{'routing_key':'k','event_action':'nope'}").RoutingKey);
    }

    [Fact]
    public void A_body_that_is_not_a_json_object_is_an_error_on_body()
    {
        Assert.Equal("body", Assert.Single(Parse("[1]").Errors).Field);
    }
}
