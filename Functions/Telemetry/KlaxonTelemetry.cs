using System.Diagnostics;

namespace Klaxon.Telemetry;

/// <summary>
/// Klaxon's one <see cref="ActivitySource"/> (<see cref="SourceName"/>), the names of its spans and of their attributes.
/// One page is one trace: <see cref="Accept"/> → <see cref="Apply"/> → <see cref="Escalate"/> → <see cref="Page"/> →
/// <c>provider {channel}</c>, across the queues in between (<see cref="MessageTrace"/>). Attributes name accounts,
/// incidents and channels, never a token, key, phone number or email address.
/// </summary>
public static class KlaxonTelemetry
{
    /// <summary>The source every Klaxon span comes from; register it with a tracer provider to export them.</summary>
    public const string SourceName = "Klaxon";

    public const string Accept = "accept";
    public const string Apply = "apply";
    public const string Escalate = "escalate";
    public const string Page = "page";
    public const string Outgoing = "outgoing";

    /// <summary>The account id (not secret: it is in every URL of the account).</summary>
    public const string AccountAttribute = "klaxon.account";
    public const string IntegrationAttribute = "klaxon.integration";

    /// <summary>The request id answered to the sender of the event, also in every log line of it.</summary>
    public const string RequestAttribute = "klaxon.request_id";
    public const string IncidentAttribute = "klaxon.incident";

    /// <summary>SHA-256 of the sender's alert id, as the dedup key row stores it: the id itself may be anything the sender chose.</summary>
    public const string DedupKeyHashAttribute = "klaxon.dedup_key_hash";

    /// <summary>What kind of step within a span name: <c>start</c>, <c>stop</c>, <c>due</c>, <c>now</c> for escalate; <c>page</c>, <c>bundle</c> for page.</summary>
    public const string StepAttribute = "klaxon.step";
    public const string ChannelAttribute = "klaxon.channel";
    public const string ProviderAttribute = "klaxon.provider";

    /// <summary>Where an outgoing delivery goes: <c>webhook</c>, <c>slack</c>, <c>teams</c> (never the receiver's URL).</summary>
    public const string TargetAttribute = "klaxon.target";
    public const string AttemptAttribute = "klaxon.attempt";

    /// <summary>How the step ended: intake outcome, apply outcome, provider outcome.</summary>
    public const string OutcomeAttribute = "klaxon.outcome";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The current span when it is one of Klaxon's, so a step adds what it learns to its own span only.</summary>
    public static Activity? CurrentStep => Activity.Current is { } current && current.Source == Source ? current : null;

    /// <summary>The hash <see cref="DedupKeyHashAttribute"/> holds: SHA-256 of the alert id, lowercase hex.</summary>
    public static string DedupKeyHash(string alertId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(alertId)));

    /// <summary>The span of a provider call for a channel, e.g. <c>provider sms</c>.</summary>
    public static string Provider(string channel) => "provider " + channel;

    /// <summary>
    /// Starts the span of one step; null when nobody listens. Its parent is the current span, except for the first step
    /// an invocation starts after <see cref="MessageTrace.Resume"/>: that one continues the trace the message carries
    /// and links to the invocation's own span (the Functions host starts a new trace for every queue message).
    /// </summary>
    public static Activity? StartStep(string name, ActivityKind kind = ActivityKind.Internal)
    {
        if (MessageTrace.Carried is { } carried && carried.Context != default && ReferenceEquals(Activity.Current, carried.Invocation))
        {
            var links = carried.Invocation is { } invocation ? new[] { new ActivityLink(invocation.Context) } : null;
            return Source.StartActivity(name, kind, carried.Context, links: links);
        }
        return Source.StartActivity(name, kind);
    }

    /// <summary>
    /// Runs one step in its own span (<see cref="StartStep"/>): <paramref name="tag"/> adds what the caller knows, a
    /// failure marks it (<see cref="Fail"/>). Async, so the span is current for <paramref name="run"/> and no longer
    /// once it returns.
    /// </summary>
    public static async Task StepAsync(string name, Action<Activity> tag, Func<Task> run)
    {
        using var span = StartStep(name);
        if (span is not null)
        {
            tag(span);
        }
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            Fail(span, failure);
            throw;
        }
    }

    /// <summary>
    /// Marks the span failed with the exception's type only: messages of provider and storage errors can hold phone
    /// numbers and addresses, which stay out of telemetry.
    /// </summary>
    public static void Fail(Activity? span, Exception failure) =>
        span?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
}
