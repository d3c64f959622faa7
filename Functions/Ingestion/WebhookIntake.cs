using System.Diagnostics;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Incidents;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Klaxon.Ingestion;

/// <summary>
/// Accepts one event from a monitoring tool: authenticates it, checks the request, parses the body in the integration's
/// own format (<see cref="IntegrationType"/>) and durably enqueues the event. Every format ends in the same
/// <see cref="EventEnvelope"/> on the same queue, so dedup, ordering and exactly-once apply are the same for all.
/// On the integration URL, checks run in this order so that strangers learn nothing: unknown account, unknown or
/// disabled integration and wrong token all give the same 404 after the same work; only an authenticated sender sees
/// 415, 413 or 400. On <c>POST /v2/enqueue</c> the key is in the body, so the body is read first; an unknown, disabled
/// or ambiguous routing key then gets the same 404 whatever else the body holds.
/// </summary>
public sealed partial class WebhookIntake(AccountStore accounts, EventQueue queue, ILogger<WebhookIntake> logger)
{
    /// <summary><c>POST /integration/{accountId}/{integrationId}/{token}</c>, in the integration's format.</summary>
    public async Task<IntakeResult> AcceptAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        using var span = KlaxonTelemetry.StartStep(KlaxonTelemetry.Accept);
        return Traced(span, await AcceptCoreAsync(request, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IntakeResult> AcceptCoreAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var config = await accounts.GetCachedAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        var integration = config?.FindIntegration(request.IntegrationId);
        // Always compare, even with no integration: the token check costs the same whatever the cause of a 404.
        var tokenMatches = IntegrationTokens.Matches(request.Token, integration?.TokenHash);
        // Heartbeats check in at their own URL (/heartbeat/...); here they are as unknown as any other miss.
        if (config is null || integration is null || !integration.Enabled || !tokenMatches || integration.Type == IntegrationType.Heartbeat)
        {
            return IntakeResult.NotFound();
        }
        var read = await JsonRequestReader.ReadAsync(request.ContentType, request.ContentLength, request.Body, WebhookLimits.MaxBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return Refused(integration.Type, problem);
        }
        var (parsed, errors) = integration.Type switch
        {
            IntegrationType.Pagerduty => FromPagerDuty(PagerDutyEventParser.Parse(read.Bytes, NewDedupKey(), requireRoutingKey: false)),
            IntegrationType.Alertmanager => FromResult(AlertmanagerEventParser.Parse(read.Bytes)),
            _ => FromResult(WebhookEventParser.Parse(read.Bytes, request.RequestId)),
        };
        return parsed is null
            ? IntakeResult.Refused(integration.Type, IntakeOutcome.Invalid, errors)
            : await EnqueueAsync(config, integration, parsed, request.RequestId, request.ReceivedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /v2/enqueue</c>: PagerDuty's Events API v2 endpoint, so a sender only changes the host. The integration is
    /// the <see cref="IntegrationType.Pagerduty"/> one whose token is the body's <c>routing_key</c>.
    /// </summary>
    public async Task<IntakeResult> AcceptPagerDutyAsync(PagerDutyRequest request, CancellationToken cancellationToken)
    {
        using var span = KlaxonTelemetry.StartStep(KlaxonTelemetry.Accept);
        return Traced(span, await AcceptPagerDutyCoreAsync(request, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IntakeResult> AcceptPagerDutyCoreAsync(PagerDutyRequest request, CancellationToken cancellationToken)
    {
        var read = await JsonRequestReader.ReadAsync(request.ContentType, request.ContentLength, request.Body, WebhookLimits.MaxBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return Refused(IntegrationType.Pagerduty, problem);
        }
        var parsed = PagerDutyEventParser.Parse(read.Bytes, NewDedupKey(), requireRoutingKey: true);
        if (parsed.RoutingKey is not { } routingKey)
        {
            // Without a key there is nobody to authenticate and nothing to reveal: say what is wrong.
            return IntakeResult.Refused(IntegrationType.Pagerduty, IntakeOutcome.Invalid, parsed.Errors);
        }
        var found = await accounts.FindByRoutingKeyAsync(routingKey, cancellationToken).ConfigureAwait(false);
        // Compare even when nothing was found, so every kind of miss costs the same.
        var matches = IntegrationTokens.Matches(routingKey, found?.Integration.TokenHash);
        if (found is not { } target || !target.Integration.Enabled || !matches)
        {
            return IntakeResult.NotFound();
        }
        return parsed.Event is not { } pagerDutyEvent
            ? IntakeResult.Refused(IntegrationType.Pagerduty, IntakeOutcome.Invalid, parsed.Errors)
            : await EnqueueAsync(target.Account, target.Integration, pagerDutyEvent, request.RequestId, request.ReceivedAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IntakeResult> EnqueueAsync(
        AccountConfig config, IntegrationConfig integration, WebhookEvent parsed, string requestId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var envelope = new EventEnvelope
        {
            EventId = requestId,
            AccountId = config.Id,
            // Every integration format is the same inbound path; the timeline names the integration as the actor.
            Source = "webhook",
            Actor = integration.Name,
            Action = ToAction(parsed.EventType),
            ReceivedAt = receivedAt,
            IntegrationId = integration.Id,
            IntegrationName = integration.Name,
            TeamId = integration.Team,
            AlertId = parsed.Id,
            Title = parsed.Title,
            Description = parsed.Description,
            Urgency = parsed.Urgency ?? integration.Urgency,
            Tags = parsed.Tags,
            Details = parsed.Details,
        };
        // Only once authenticated: before that, the account and integration are whatever a stranger put in the URL.
        KlaxonTelemetry.CurrentStep?.SetTag(KlaxonTelemetry.AccountAttribute, config.Id)
            .SetTag(KlaxonTelemetry.IntegrationAttribute, integration.Id)
            .SetTag(KlaxonTelemetry.RequestAttribute, requestId)
            .SetTag(KlaxonTelemetry.DedupKeyHashAttribute, KlaxonTelemetry.DedupKeyHash(parsed.Id));
        using (logger.BeginScope(new LogScope(("request_id", requestId), ("account", config.Id), ("integration", integration.Id))))
        {
            await queue.SendAsync(envelope, cancellationToken).ConfigureAwait(false);
            LogAccepted(parsed.EventType.ToWire(), parsed.Id, integration.Name, integration.Type.ToWire());
        }
        return IntakeResult.Accept(integration.Type, parsed.EventType.ToWire(), parsed.Id, requestId);
    }

    private static IntakeResult Traced(Activity? span, IntakeResult result)
    {
        span?.SetTag(KlaxonTelemetry.OutcomeAttribute, result.Outcome.ToString().ToLowerInvariant());
        return result;
    }

    /// <summary>A dedup key for a PagerDuty trigger that sent none: 32 hex characters, like PagerDuty's own.</summary>
    private static string NewDedupKey() => Guid.NewGuid().ToString("N");

    private static (WebhookEvent? Event, IReadOnlyList<FieldError> Errors) FromResult(WebhookParseResult result) => (result.Event, result.Errors);

    private static (WebhookEvent? Event, IReadOnlyList<FieldError> Errors) FromPagerDuty(PagerDutyParseResult result) => (result.Event, result.Errors);

    private static IntakeResult Refused(IntegrationType format, BodyProblem problem) => IntakeResult.Refused(
        format, problem.Kind == BodyProblemKind.UnsupportedMediaType ? IntakeOutcome.UnsupportedMediaType : IntakeOutcome.TooLarge, [problem.Error]);

    private static IncidentActionKind ToAction(WebhookEventType type) => type switch
    {
        WebhookEventType.Create => IncidentActionKind.Create,
        WebhookEventType.Acknowledge => IncidentActionKind.Acknowledge,
        _ => IncidentActionKind.Resolve,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {EventType} for Id '{AlertId}' from {Integration} ({Format})")]
    private partial void LogAccepted(string eventType, string alertId, string integration, string format);
}

/// <summary>One webhook request, stripped of HTTP plumbing.</summary>
/// <param name="RequestId">Assigned on receipt; answered to the sender and carried through every later step.</param>
/// <param name="ReceivedAt">When the endpoint received the request; orders the event against others for the same key.</param>
public sealed record WebhookRequest(
    string AccountId,
    string IntegrationId,
    string Token,
    string? ContentType,
    long? ContentLength,
    Stream Body,
    string RequestId,
    DateTimeOffset ReceivedAt);

/// <summary>One <c>POST /v2/enqueue</c> request, stripped of HTTP plumbing; the routing key is in the body.</summary>
public sealed record PagerDutyRequest(
    string? ContentType,
    long? ContentLength,
    Stream Body,
    string RequestId,
    DateTimeOffset ReceivedAt);

/// <summary>What became of a webhook. The function decides how each outcome is answered.</summary>
public enum IntakeOutcome
{
    /// <summary>Enqueued; <see cref="IntakeResult.Accepted"/> holds the receipt.</summary>
    Accepted,

    /// <summary>Unknown account, unknown or disabled integration, wrong token or unknown routing key: all alike.</summary>
    NotFound,

    /// <summary>The Content-Type is not JSON.</summary>
    UnsupportedMediaType,

    /// <summary>The body is over <see cref="WebhookLimits.MaxBodyBytes"/>.</summary>
    TooLarge,

    /// <summary>The body is not a valid event; <see cref="IntakeResult.Errors"/> lists every problem.</summary>
    Invalid,
}

/// <summary>
/// The outcome of a webhook, with the receipt when accepted or every problem found when refused, and the format the
/// sender speaks (so a PagerDuty sender is answered in PagerDuty's shapes). <see cref="Format"/> is meaningless for
/// <see cref="IntakeOutcome.NotFound"/>, which is answered alike for every format.
/// </summary>
public sealed record IntakeResult(IntakeOutcome Outcome, IntegrationType Format, AcceptedBody? Accepted, IReadOnlyList<FieldError> Errors)
{
    public static IntakeResult Accept(IntegrationType format, string eventType, string id, string requestId) =>
        new(IntakeOutcome.Accepted, format, new AcceptedBody("accepted", eventType, id, requestId), []);

    public static IntakeResult NotFound() => new(IntakeOutcome.NotFound, IntegrationType.Webhook, null, []);

    public static IntakeResult Refused(IntegrationType format, IntakeOutcome outcome, IReadOnlyList<FieldError> errors) => new(outcome, format, null, errors);
}

/// <summary><c>{"status":"accepted","event_type":...,"id":...,"request_id":...}</c>: what a 202 answers.</summary>
public sealed record AcceptedBody(
    string Status,
    [property: System.Text.Json.Serialization.JsonPropertyName("event_type")] string EventType,
    string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("request_id")] string RequestId);

/// <summary><c>{"status":"success","message":"Event processed","dedup_key":...}</c>: PagerDuty's 202.</summary>
public sealed record PagerDutyAcceptedBody(
    string Status,
    string Message,
    [property: System.Text.Json.Serialization.JsonPropertyName("dedup_key")] string DedupKey)
{
    public static PagerDutyAcceptedBody Of(string dedupKey) => new("success", "Event processed", dedupKey);
}

/// <summary>
/// <c>{"status":"invalid event","message":"Event object is invalid","errors":["payload.summary is required", …]}</c>:
/// PagerDuty's 400, naming every problem as "field rule".
/// </summary>
public sealed record PagerDutyInvalidBody(string Status, string Message, IReadOnlyList<string> Errors)
{
    public static PagerDutyInvalidBody Of(IEnumerable<FieldError> errors) =>
        new("invalid event", "Event object is invalid", [.. FieldErrors.Bounded(errors).Select(e => $"{e.Field} {e.Message}")]);
}
