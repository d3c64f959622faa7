using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Ingestion;

namespace Klaxon.Tests.Ingestion;

/// <summary>Alertmanager's webhook payload (version 4): one incident per group, the title, description, urgency and links.</summary>
public class AlertmanagerParserTests
{
    private static JsonObject Payload(string status = "firing", string groupKey = "{}:{alertname=\"DiskFull\"}") => new()
    {
        ["receiver"] = "klaxon",
        ["status"] = status,
        ["alerts"] = new JsonArray(
            Alert(status, "db1", "db1 /var at 98%"),
            Alert(status, "db2", "db2 /var at 97%")),
        ["groupLabels"] = new JsonObject { ["alertname"] = "DiskFull" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "DiskFull", ["severity"] = "warning" },
        ["commonAnnotations"] = new JsonObject(),
        ["externalURL"] = "http://alertmanager:9093",
        ["version"] = "4",
        ["groupKey"] = groupKey,
        ["truncatedAlerts"] = 0,
    };

    private static JsonObject Alert(string status, string instance, string summary) => new()
    {
        ["status"] = status,
        ["labels"] = new JsonObject { ["alertname"] = "DiskFull", ["instance"] = instance, ["severity"] = "warning" },
        ["annotations"] = new JsonObject { ["summary"] = summary },
        ["startsAt"] = "2026-03-02T09:00:00Z",
        ["endsAt"] = "0001-01-01T00:00:00Z",
        ["generatorURL"] = $"http://prometheus:9090/graph?g0.expr=disk{{instance=\"{instance}\"}}",
        ["fingerprint"] = "f" + instance,
    };

    private static WebhookParseResult Parse(JsonNode body) => AlertmanagerEventParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static WebhookEvent Valid(JsonNode body)
    {
        var result = Parse(body);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Event;
    }

    [Fact]
    public void Firing_creates_keyed_by_the_group_with_the_alertname_as_title_and_every_alert_described()
    {
        var e = Valid(Payload());

        Assert.Equal((WebhookEventType.Create, "{}:{alertname=\"DiskFull\"}", "DiskFull", Urgency.Medium), (e.EventType, e.Id, e.Title, e.Urgency));
        Assert.Contains("- [firing] alertname=DiskFull, instance=db1, severity=warning", e.Description, StringComparison.Ordinal);
        Assert.Contains("  summary: db2 /var at 97%", e.Description, StringComparison.Ordinal);
        Assert.Equal(["alertname=DiskFull", "severity=warning"], e.Tags);
        Assert.Equal(
            ["http://alertmanager:9093", "http://prometheus:9090/graph?g0.expr=disk{instance=\"db1\"}", "http://prometheus:9090/graph?g0.expr=disk{instance=\"db2\"}"],
            e.Details["links"]!.AsArray().Select(l => (string?)l));
        Assert.Equal("klaxon", (string?)e.Details["receiver"]);
    }

    [Fact]
    public void Resolved_resolves_the_same_key()
    {
        var e = Valid(Payload("resolved"));

        Assert.Equal((WebhookEventType.Resolve, "{}:{alertname=\"DiskFull\"}"), (e.EventType, e.Id));
    }

    [Fact]
    public void Two_groups_never_share_a_key_even_when_their_keys_are_long()
    {
        var prefix = new string('x', 300);
        var first = Valid(Payload(groupKey: prefix + "a")).Id;
        var second = Valid(Payload(groupKey: prefix + "b")).Id;

        Assert.NotEqual(first, second);
        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
        Assert.Equal(first, Valid(Payload("resolved", prefix + "a")).Id);
    }

    [Fact]
    public void The_common_summary_joins_the_title()
    {
        var body = Payload();
        body["commonAnnotations"] = new JsonObject { ["summary"] = "Disks are filling up" };

        Assert.Equal("DiskFull: Disks are filling up", Valid(body).Title);
    }

    [Fact]
    public void A_single_alert_lends_its_summary_to_the_title()
    {
        var body = Payload();
        body["alerts"]!.AsArray().RemoveAt(1);

        Assert.Equal("DiskFull: db1 /var at 98%", Valid(body).Title);
    }

    [Theory]
    [InlineData("critical", Urgency.Critical)]
    [InlineData("page", Urgency.Critical)]
    [InlineData("error", Urgency.High)]
    [InlineData("High", Urgency.High)]
    [InlineData("warning", Urgency.Medium)]
    [InlineData("info", Urgency.Low)]
    [InlineData("none", Urgency.Silent)]
    [InlineData("whatever", null)]
    public void Severity_label_maps_to_urgency(string severity, Urgency? urgency)
    {
        var body = Payload();
        body["commonLabels"]!["severity"] = severity;

        Assert.Equal(urgency, Valid(body).Urgency);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var body = Payload();
        body["version"] = "3";
        body.Remove("groupKey");
        body["status"] = "pending";
        body["commonLabels"] = new JsonObject { ["severity"] = 2 };
        body["alerts"] = new JsonArray();

        Assert.Equal(
            [
                new FieldError("version", "must be \"4\" (Alertmanager's webhook payload version 4)"),
                new FieldError("groupKey", "is required"),
                new FieldError("status", "must be firing or resolved"),
                new FieldError("commonLabels.severity", "must be a string, got number"),
                new FieldError("alerts", "must have at least one alert"),
            ],
            Parse(body).Errors);
    }
}
