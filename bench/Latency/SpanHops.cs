using System.Collections.Concurrent;
using System.Diagnostics;
using Klaxon.Telemetry;
using OpenTelemetry;

namespace Klaxon.Bench.Latency;

/// <summary>
/// Where the time from a webhook's 202 to its provider call goes, read from Klaxon's spans as they end: the wait on
/// <c>klaxon-events</c>, the apply up to the escalation start, the hand-on to the page (in the same invocation, or
/// another queue hop), the page's own work before the provider call, and the call. Every tracer provider in the
/// process hears the Klaxon source, so each stack's recorder sees both stacks' spans; a webhook is found by the hash of
/// its alert id, which only its own stack sent.
/// </summary>
public sealed class SpanHops : BaseProcessor<Activity>
{
    /// <summary>
    /// The hops in the order they happen, as reported: from the end of <c>accept</c> (the 202) to the start of each next
    /// step, and the provider call itself. A queue hop lands in the step before it.
    /// </summary>
    public static readonly string[] Names = ["accept→apply", "apply→escalate", "escalate→page", "page→provider", "provider call"];

    private readonly ConcurrentDictionary<string, ActivityTraceId> _traceByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ActivityTraceId, Steps> _steps = new();

    public override void OnEnd(Activity data)
    {
        if (data.Source.Name != KlaxonTelemetry.SourceName)
        {
            return;
        }
        var steps = _steps.GetOrAdd(data.TraceId, _ => new Steps());
        var step = data.GetTagItem(KlaxonTelemetry.StepAttribute) as string;
        switch (data.OperationName)
        {
            case KlaxonTelemetry.Accept when data.GetTagItem(KlaxonTelemetry.DedupKeyHashAttribute) is string key:
                _traceByKey[key] = data.TraceId;
                steps.AcceptEnd = data.StartTimeUtc + data.Duration;
                break;
            case KlaxonTelemetry.Apply:
                steps.ApplyStart ??= data.StartTimeUtc;
                break;
            case KlaxonTelemetry.Escalate when step == "start":
                steps.EscalateStart ??= data.StartTimeUtc;
                break;
            case KlaxonTelemetry.Page when step == "page":
                steps.PageStart ??= data.StartTimeUtc;
                break;
            default:
                if (data.OperationName.StartsWith("provider ", StringComparison.Ordinal) && steps.ProviderStart is null)
                {
                    (steps.ProviderStart, steps.ProviderEnd) = (data.StartTimeUtc, data.StartTimeUtc + data.Duration);
                }
                break;
        }
    }

    /// <summary>The hops of the webhook whose alert id was <paramref name="alertId"/>, in <see cref="Names"/> order, in ms; null until all were seen.</summary>
    public double[]? For(string alertId)
    {
        if (!_traceByKey.TryGetValue(KlaxonTelemetry.DedupKeyHash(alertId), out var trace) || !_steps.TryGetValue(trace, out var s)
            || s is not { AcceptEnd: { } accepted, ApplyStart: { } apply, EscalateStart: { } escalate, PageStart: { } page, ProviderStart: { } call, ProviderEnd: { } answered })
        {
            return null;
        }
        return [(apply - accepted).TotalMilliseconds, (escalate - apply).TotalMilliseconds, (page - escalate).TotalMilliseconds,
            (call - page).TotalMilliseconds, (answered - call).TotalMilliseconds];
    }

    private sealed class Steps
    {
        public DateTime? AcceptEnd { get; set; }

        public DateTime? ApplyStart { get; set; }

        public DateTime? EscalateStart { get; set; }

        public DateTime? PageStart { get; set; }

        public DateTime? ProviderStart { get; set; }

        public DateTime? ProviderEnd { get; set; }
    }
}
