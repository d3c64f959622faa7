using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.DevHost;

/// <summary>
/// Stands in for the Functions host's invocation span: one span per invocation, named after the function, from source
/// <see cref="SourceName"/>. Like the host, an HTTP invocation continues the caller's <c>traceparent</c> header and a
/// queue or timer invocation starts a new trace; Klaxon's own spans inside it continue the trace a message carries.
/// </summary>
public static class InvocationTelemetry
{
    public const string SourceName = "Klaxon.DevHost";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the invocation's span; null when nobody listens. Call it from the async method that runs the invocation:
    /// it replaces the current span (ASP.NET Core's own request activity, which the host would not pass on) for that
    /// method only.
    /// </summary>
    public static Activity? Start(FunctionEntry function, string? traceParent, string? traceState)
    {
        Activity.Current = null;
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
        var kind = function.Trigger switch
        {
            HttpTriggerAttribute => ActivityKind.Server,
            QueueTriggerAttribute => ActivityKind.Consumer,
            _ => ActivityKind.Internal,
        };
        return Source.StartActivity(function.Name, kind, parent);
    }
}
