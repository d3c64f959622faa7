using System.Diagnostics;
using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Incidents;
using Klaxon.Notifications;
using Klaxon.Outgoing;
using Klaxon.Storage;
using Klaxon.Telemetry;

namespace Klaxon.Tests.Telemetry;

/// <summary>The trace context on queue messages: written first, read back, optional both ways, never in the way.</summary>
public class MessageTraceTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void A_stamped_message_carries_the_current_span_first_and_reads_back_as_its_context()
    {
        using var span = new Activity("producer").SetParentId(TraceParent).Start();
        span.TraceStateString = "vendor=a\"b";

        var stamped = MessageTrace.Stamp("""{"kind":"page","jobId":"j1"}""");
        var read = MessageTrace.Read(stamped);

        Assert.StartsWith($$"""{"traceparent":"{{span.Id}}","tracestate":""", stamped, StringComparison.Ordinal);
        Assert.Equal("page", JsonDocument.Parse(stamped).RootElement.GetProperty("kind").GetString());
        Assert.Equal(span.TraceId, read.TraceId);
        Assert.Equal(span.SpanId, read.SpanId);
        Assert.Equal("vendor=a\"b", read.TraceState);
        Assert.True(read.IsRemote);
    }

    [Fact]
    public void An_oversized_tracestate_from_a_caller_is_not_carried_on()
    {
        using var span = new Activity("producer").SetParentId(TraceParent).Start();
        span.TraceStateString = "k=" + new string('v', MessageTrace.MaxTraceStateLength);

        var read = MessageTrace.Read(MessageTrace.Stamp("""{"kind":"page"}"""));

        Assert.Equal(span.TraceId, read.TraceId);
        Assert.Null(read.TraceState);
    }

    [Fact]
    public void Without_a_current_span_a_message_is_written_unchanged()
    {
        Assert.Null(Activity.Current);

        Assert.Equal("""{"kind":"page"}""", MessageTrace.Stamp("""{"kind":"page"}"""));
    }

    [Fact]
    public void An_empty_object_stays_valid_json()
    {
        using var span = new Activity("producer").SetParentId(TraceParent).Start();

        var stamped = MessageTrace.Stamp("{}");

        Assert.Equal(span.Id, JsonDocument.Parse(stamped).RootElement.GetProperty("traceparent").GetString());
    }

    [Theory]
    [InlineData("""{"kind":"page","jobId":"j1"}""")]
    [InlineData("""{"kind":"page","traceparent":"not-a-trace-id"}""")]
    [InlineData("""{"traceparent":42}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void A_message_without_a_usable_context_reads_as_none(string json) =>
        Assert.Equal(default, MessageTrace.Read(json));

    [Fact]
    public void The_context_is_found_after_other_fields_and_past_deep_nesting()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 100)) + "1" + new string('}', 100);

        var read = MessageTrace.Read($$"""{"details":{{deep}},"traceparent":"{{TraceParent}}"}""");

        Assert.Equal("0af7651916cd43dd8448eb211c80319c", read.TraceId.ToHexString());
    }

    [Fact]
    public void Every_queue_reader_accepts_a_stamped_message()
    {
        using var span = new Activity("producer").SetParentId(TraceParent).Start();
        var envelope = new EventEnvelope
        {
            EventId = "e1", AccountId = "a1", Source = "webhook", Actor = "Monitor", Action = IncidentActionKind.Create,
            ReceivedAt = DateTimeOffset.UnixEpoch, IntegrationId = "i1", AlertId = "db1",
        };
        var page = new PageJob("p1", DateTimeOffset.UnixEpoch, "a1", 1, "e1", "ops", "alice", NotificationChannel.Sms);
        var work = new EscalationWork(EscalationWorkKind.Due, "a1", 1, DateTimeOffset.UnixEpoch);
        var delivery = new OutgoingDelivery("ev1", IncidentEventKind.Opened, "a1", 1, OutgoingTargetKind.Webhook, "hook", "{}", "e1");

        Assert.Equal(envelope, EventQueue.Deserialize(MessageTrace.Stamp(EventQueue.Serialize(envelope))) with { Tags = null, Details = null });
        Assert.Equal(page, NotificationMessages.Read(MessageTrace.Stamp(NotificationQueue.Serialize(page))));
        Assert.Equal(work, JsonSerializer.Deserialize<EscalationWork>(MessageTrace.Stamp(JsonSerializer.Serialize(work, KlaxonJson.Options)), KlaxonJson.Options));
        Assert.Equal(delivery, OutgoingQueue.Read(MessageTrace.Stamp(JsonSerializer.Serialize(delivery, KlaxonJson.Options))));
    }
}
