using System.Diagnostics;
using Klaxon.Telemetry;

namespace Klaxon.Tests.Telemetry;

/// <summary>
/// Which span a step continues: the message's trace for the first step of a queue invocation (linked to the
/// invocation's span), the current span for everything after it and everywhere else.
/// </summary>
public sealed class StepSpanTests : IDisposable
{
    private const string Carried = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == KlaxonTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public StepSpanTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void The_first_step_after_resuming_continues_the_message_and_links_the_invocation()
    {
        using var invocation = new Activity("ApplyEvent").Start();
        using var resumed = MessageTrace.Resume($$"""{"traceparent":"{{Carried}}","eventId":"e1"}""");

        using var apply = KlaxonTelemetry.StartStep(KlaxonTelemetry.Apply);
        using var escalate = KlaxonTelemetry.StartStep(KlaxonTelemetry.Escalate);

        Assert.NotNull(apply);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", apply.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", apply.ParentSpanId.ToHexString());
        Assert.Equal(invocation.SpanId, Assert.Single(apply.Links).Context.SpanId);
        Assert.NotNull(escalate);
        Assert.Equal(apply.SpanId, escalate.ParentSpanId);
        Assert.Empty(escalate.Links);
    }

    [Fact]
    public void An_old_message_without_a_context_starts_under_the_invocation()
    {
        using var invocation = new Activity("ApplyEvent").Start();
        using var resumed = MessageTrace.Resume("""{"eventId":"e1"}""");

        using var apply = KlaxonTelemetry.StartStep(KlaxonTelemetry.Apply);

        Assert.NotNull(apply);
        Assert.Equal(invocation.TraceId, apply.TraceId);
        Assert.Equal(invocation.SpanId, apply.ParentSpanId);
    }

    [Fact]
    public void Once_the_invocation_is_over_the_message_no_longer_applies()
    {
        using (MessageTrace.Resume($$"""{"traceparent":"{{Carried}}"}"""))
        {
        }

        using var accept = KlaxonTelemetry.StartStep(KlaxonTelemetry.Accept);

        Assert.NotNull(accept);
        Assert.NotEqual("0af7651916cd43dd8448eb211c80319c", accept.TraceId.ToHexString());
    }

    [Fact]
    public async Task A_failed_step_says_what_failed_by_type_only()
    {
        Activity? seen = null;
        var failure = new InvalidOperationException("Twilio refused +15551234567");

        await Assert.ThrowsAsync<InvalidOperationException>(() => KlaxonTelemetry.StepAsync(KlaxonTelemetry.Page, span => seen = span, () => throw failure));

        Assert.NotNull(seen);
        Assert.Equal(ActivityStatusCode.Error, seen.Status);
        Assert.Equal(nameof(InvalidOperationException), seen.StatusDescription);
        Assert.Null(Activity.Current);
    }
}
