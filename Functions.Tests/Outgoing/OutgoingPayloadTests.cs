using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Outgoing;

namespace Klaxon.Tests.Outgoing;

/// <summary>
/// The bodies receivers get, for every event kind (<c>noteAdded</c> with a synthetic event until notes exist): the
/// webhook JSON, the signature, Slack's Block Kit message held to the limits Slack documents, and the Teams message whose
/// card is validated against the Adaptive Card 1.4 JSON schema published by Microsoft (Schemas/, MIT licence).
/// </summary>
public class OutgoingPayloadTests
{
    private static readonly Lazy<JsonSchema> AdaptiveCardSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Outgoing", "Schemas", "adaptive-card-1.4.json"))));

    public static TheoryData<IncidentEventKind> Kinds() => [.. Enum.GetValues<IncidentEventKind>()];

    private static OutgoingEvent Event(IncidentEventKind kind, string title = "Disk full on db1", string? url = "https://klaxon.example.com/app/#incidents/42/15") => new(
        IncidentEventNotice.Of("15", "tl|0000000042|0638000000000000000|ev1|000", kind),
        kind,
        new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero),
        "15",
        new OutgoingIncident(42, "0193-abc", OutgoingIncident.CutTitle(title), Urgency.Critical, IncidentStatus.Acknowledged, "ops", "Operations", "int-1", 3,
            new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero), url),
        "alice",
        "Alice <Admin> & Co",
        "sms",
        kind == IncidentEventKind.NoteAdded ? "Note by alice: rolled back the deploy." : "Acknowledged by alice via sms.",
        kind == IncidentEventKind.Reopened ? 41 : null);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_webhook_body_names_the_event_the_incident_and_who_acted(IncidentEventKind kind)
    {
        var e = Event(kind);
        var body = JsonNode.Parse(WebhookPayload.Create(e))!.AsObject();

        Assert.Equal(e.EventId, (string)body["id"]!);
        Assert.Equal("incident." + kind.ToWire(), (string)body["type"]!);
        Assert.Equal("2026-12-02T01:02:03Z", (string)body["occurredAt"]!);
        Assert.Equal("15", (string)body["account"]!);
        Assert.Equal(42, (long)body["incident"]!["number"]!);
        Assert.Equal("critical", (string)body["incident"]!["urgency"]!);
        Assert.Equal("acknowledged", (string)body["incident"]!["status"]!);
        Assert.Equal("https://klaxon.example.com/app/#incidents/42/15", (string)body["incident"]!["url"]!);
        Assert.Equal("alice", (string)body["actor"]!["id"]!);
        Assert.Equal("sms", (string)body["actor"]!["via"]!);
        Assert.Equal(kind == IncidentEventKind.Reopened ? 41 : null, (long?)body["previousIncident"]);
    }

    [Fact]
    public void Event_ids_are_stable_and_differ_per_line_and_kind()
    {
        var row = "tl|0000000001|0638000000000000000|ev1|000";

        Assert.Equal(IncidentEventNotice.Of("15", row, IncidentEventKind.Opened), IncidentEventNotice.Of("15", row, IncidentEventKind.Opened));
        Assert.NotEqual(IncidentEventNotice.Of("15", row, IncidentEventKind.Opened), IncidentEventNotice.Of("15", row, IncidentEventKind.Reopened));
        Assert.NotEqual(IncidentEventNotice.Of("15", row, IncidentEventKind.Opened), IncidentEventNotice.Of("15", row.Replace("000", "001"), IncidentEventKind.Opened));
        Assert.NotEqual(IncidentEventNotice.Of("15", row, IncidentEventKind.Opened), IncidentEventNotice.Of("16", row, IncidentEventKind.Opened));
        Assert.Matches("^evt_[0-9a-f]{32}$", IncidentEventNotice.Of("15", row, IncidentEventKind.Opened));
    }

    [Fact]
    public void The_signature_is_HMAC_SHA256_over_timestamp_dot_body()
    {
        // Computed independently: printf '1764637323.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        var header = WebhookSignature.Header("whsec_test", 1764637323, Encoding.UTF8.GetBytes("""{"a":1}"""));

        Assert.Equal("t=1764637323,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("whsec_test"), Encoding.UTF8.GetBytes("""1764637323.{"a":1}"""))), header);
        Assert.True(WebhookReceiver.Verify("whsec_test", header, Encoding.UTF8.GetBytes("""{"a":1}""")));
        Assert.False(WebhookReceiver.Verify("whsec_test", header, Encoding.UTF8.GetBytes("""{"a":2}""")));
        Assert.False(WebhookReceiver.Verify("whsec_other", header, Encoding.UTF8.GetBytes("""{"a":1}""")));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_Teams_card_is_a_valid_Adaptive_Card_1_4_in_the_Workflows_message_envelope(IncidentEventKind kind)
    {
        foreach (var e in new[] { Event(kind), Event(kind, title: new string('x', 5000), url: null) })
        {
            var message = JsonNode.Parse(TeamsMessage.Create(e))!.AsObject();

            Assert.Equal("message", (string)message["type"]!);
            var attachment = Assert.Single(message["attachments"]!.AsArray())!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
            var card = attachment["content"]!;
            using var document = JsonDocument.Parse(card.ToJsonString());
            var result = AdaptiveCardSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(x => $"{d.InstanceLocation}: {x.Value}"))));
            Assert.Equal("1.4", (string)card["version"]!);
            Assert.Contains($"#42", (string)card["body"]![0]!["text"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_schema_check_catches_a_card_Teams_would_refuse()
    {
        using var document = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"x","colour":"Good"}]}""");

        Assert.False(AdaptiveCardSchema.Value.Evaluate(document.RootElement).IsValid);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_Slack_message_keeps_to_Block_Kit_as_Slack_documents_it(IncidentEventKind kind)
    {
        foreach (var e in new[] { Event(kind), Event(kind, title: new string('x', 5000), url: null) })
        {
            var message = JsonNode.Parse(SlackMessage.Create(e))!.AsObject();
            BlockKit.AssertValidMessage(message);
            Assert.Contains("#42", (string)message["text"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_Slack_message_escapes_mrkdwn_and_links_to_the_incident()
    {
        var message = JsonNode.Parse(SlackMessage.Create(Event(IncidentEventKind.Acknowledged)))!.AsObject();
        var blocks = message["blocks"]!.AsArray();

        var section = blocks.Single(b => (string)b!["type"]! == "section")!;
        Assert.StartsWith("*<https://klaxon.example.com/app/#incidents/42/15|#42>*", (string)section["text"]!["text"]!, StringComparison.Ordinal);
        Assert.Contains(section["fields"]!.AsArray(), f => (string)f!["text"]! == "*By*\nAlice &lt;Admin&gt; &amp; Co (sms)");
        var button = blocks.Single(b => (string)b!["type"]! == "actions")!["elements"]![0]!;
        Assert.Equal("https://klaxon.example.com/app/#incidents/42/15", (string)button["url"]!);
        Assert.Equal("Acknowledged: #42 Disk full on db1", (string)blocks[0]!["text"]!["text"]!);
    }
}

/// <summary>
/// The Block Kit rules Klaxon's messages rely on, from Slack's reference (docs.slack.dev/reference/block-kit/blocks, and
/// the composition objects): at most 50 blocks; header text plain_text of at most 150 characters; section text at most
/// 3,000 and at most 10 fields of at most 2,000; actions with at most 25 elements, buttons with plain_text text of at most
/// 75 characters and a URL of at most 3,000; context with at most 10 elements; text objects typed plain_text or mrkdwn.
/// </summary>
internal static class BlockKit
{
    public static void AssertValidMessage(JsonObject message)
    {
        Assert.False(string.IsNullOrEmpty((string?)message["text"]), "top-level text is the notification fallback");
        Assert.All(message.Select(p => p.Key), key => Assert.Contains(key, new[] { "text", "blocks" }));
        var blocks = message["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            switch ((string)block["type"]!)
            {
                case "header":
                    AssertText(block["text"]!, 150, plainOnly: true);
                    AssertOnly(block, "type", "text", "block_id");
                    break;
                case "section":
                    AssertOnly(block, "type", "text", "fields", "accessory", "block_id");
                    Assert.True(block["text"] is not null || block["fields"] is not null);
                    if (block["text"] is { } text)
                    {
                        AssertText(text, 3000);
                    }
                    var fields = block["fields"]?.AsArray() ?? [];
                    Assert.True(fields.Count <= 10);
                    Assert.All(fields, f => AssertText(f!, 2000));
                    break;
                case "actions":
                    AssertOnly(block, "type", "elements", "block_id");
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 25);
                    foreach (var button in elements.Select(x => x!.AsObject()))
                    {
                        Assert.Equal("button", (string)button["type"]!);
                        AssertOnly(button, "type", "text", "url", "action_id", "value", "style");
                        AssertText(button["text"]!, 75, plainOnly: true);
                        Assert.InRange(((string)button["url"]!).Length, 1, 3000);
                    }
                    break;
                case "context":
                    AssertOnly(block, "type", "elements", "block_id");
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    Assert.All(block["elements"]!.AsArray(), x => AssertText(x!, 3000));
                    break;
                default:
                    Assert.Fail($"unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    private static void AssertText(JsonNode text, int max, bool plainOnly = false)
    {
        var type = (string)text["type"]!;
        Assert.Contains(type, plainOnly ? ["plain_text"] : new[] { "plain_text", "mrkdwn" });
        AssertOnly(text.AsObject(), "type", "text", "emoji", "verbatim");
        Assert.InRange(((string)text["text"]!).Length, 1, max);
    }

    private static void AssertOnly(JsonObject node, params string[] allowed) =>
        Assert.All(node.Select(p => p.Key), key => Assert.Contains(key, allowed));
}
