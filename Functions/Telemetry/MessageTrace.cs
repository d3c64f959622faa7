using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Telemetry;

/// <summary>
/// Carries the W3C trace context across Klaxon's queues: every message Klaxon writes gets the current span as top-level
/// <c>traceparent</c> (and <c>tracestate</c>, when there is one) fields, and the trigger that reads it continues that
/// trace (<see cref="Resume"/>). The fields are optional: a message without them (older ones, replayed ones written by
/// hand) is read as before and starts a new trace; the message types themselves do not know about them.
/// </summary>
public static class MessageTrace
{
    public const string TraceParentField = "traceparent";
    public const string TraceStateField = "tracestate";

    /// <summary>
    /// Longest <c>tracestate</c> carried on: 512 characters, the W3C limit. A caller's header can be longer (it comes from
    /// whoever sent the webhook), and every message after it would grow by as much: queue messages have a size limit.
    /// </summary>
    public const int MaxTraceStateLength = 512;

    private static readonly AsyncLocal<CarriedContext?> Current = new();

    /// <summary>The context resumed for this invocation, with the span that was current when it was resumed.</summary>
    internal static CarriedContext? Carried => Current.Value;

    /// <summary>
    /// <paramref name="json"/> (a JSON object) with the current span's context as its first fields; unchanged when there
    /// is no current span or it is not a W3C one. Written first so a reader finds it without walking the message.
    /// </summary>
    public static string Stamp(string json)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } span)
        {
            return json;
        }
        var start = json.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '{')
        {
            return json;
        }
        var rest = start[1..].TrimStart();
        var fields = new StringBuilder("{\"").Append(TraceParentField).Append("\":").Append(JsonSerializer.Serialize(traceParent));
        if (span.TraceStateString is { Length: > 0 and <= MaxTraceStateLength })
        {
            fields.Append(",\"").Append(TraceStateField).Append("\":").Append(JsonSerializer.Serialize(span.TraceStateString));
        }
        return fields.Append(rest.IsEmpty || rest[0] == '}' ? "" : ",").Append(rest).ToString();
    }

    /// <summary>The context a message carries; default when it carries none or a malformed one.</summary>
    public static ActivityContext Read(string json)
    {
        string? traceParent = null;
        string? traceState = null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = KlaxonJson.Options.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && (traceParent is null || traceState is null))
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && name == TraceParentField)
                {
                    traceParent = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && name == TraceStateField)
                {
                    traceState = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not this class's to refuse: the message's own reader says what is wrong with it.
            return default;
        }
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }

    /// <summary>
    /// Makes the context <paramref name="json"/> carries the parent of the first step span this invocation starts
    /// (<see cref="KlaxonTelemetry.StartStep"/>), until disposed. A queue trigger calls it first.
    /// </summary>
    public static IDisposable Resume(string json)
    {
        var previous = Current.Value;
        Current.Value = new CarriedContext(Read(json), Activity.Current);
        return new Restore(previous);
    }

    internal sealed record CarriedContext(ActivityContext Context, Activity? Invocation);

    private sealed class Restore(CarriedContext? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
