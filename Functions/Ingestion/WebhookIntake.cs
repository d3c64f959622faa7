using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Incidents;
using Microsoft.Extensions.Logging;

namespace Klaxon.Ingestion;

/// <summary>
/// Accepts one webhook: authenticates the integration URL, checks the request, and durably enqueues the event.
/// Checks run in this order so that strangers learn nothing: unknown account, unknown or disabled integration and wrong
/// token all give the same 404 after the same work; only an authenticated sender sees 415, 413 or 400.
/// </summary>
public sealed partial class WebhookIntake(AccountStore accounts, EventQueue queue, ILogger<WebhookIntake> logger)
{
    public async Task<IntakeResult> AcceptAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var config = await accounts.GetCachedAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        var integration = config?.FindIntegration(request.IntegrationId);
        // Always compare, even with no integration: the token check costs the same whatever the cause of a 404.
        var tokenMatches = IntegrationTokens.Matches(request.Token, integration?.TokenHash);
        if (config is null || integration is null || !integration.Enabled || !tokenMatches)
        {
            return IntakeResult.NotFound();
        }
        var read = await JsonRequestReader.ReadAsync(request.ContentType, request.ContentLength, request.Body, WebhookLimits.MaxBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return IntakeResult.Refused(
                problem.Kind == BodyProblemKind.UnsupportedMediaType ? IntakeOutcome.UnsupportedMediaType : IntakeOutcome.TooLarge, [problem.Error]);
        }
        var parsed = WebhookEventParser.Parse(read.Bytes, request.RequestId);
        if (parsed.Event is not { } webhook)
        {
            return IntakeResult.Refused(IntakeOutcome.Invalid, parsed.Errors);
        }
        var envelope = new EventEnvelope
        {
            EventId = request.RequestId,
            AccountId = config.Id,
            Source = "webhook",
            Actor = integration.Name,
            Action = ToAction(webhook.EventType),
            ReceivedAt = request.ReceivedAt,
            IntegrationId = integration.Id,
            IntegrationName = integration.Name,
            TeamId = integration.Team,
            AlertId = webhook.Id,
            Title = webhook.Title,
            Description = webhook.Description,
            Urgency = webhook.Urgency ?? integration.Urgency,
            Tags = webhook.Tags,
            Details = webhook.Details,
        };
        using (logger.BeginScope(new LogScope(("request_id", request.RequestId), ("account", config.Id), ("integration", integration.Id))))
        {
            await queue.SendAsync(envelope, cancellationToken).ConfigureAwait(false);
            LogAccepted(webhook.EventType.ToWire(), webhook.Id, integration.Name);
        }
        return IntakeResult.Accept(webhook.EventType.ToWire(), webhook.Id, request.RequestId);
    }

    private static IncidentActionKind ToAction(WebhookEventType type) => type switch
    {
        WebhookEventType.Create => IncidentActionKind.Create,
        WebhookEventType.Acknowledge => IncidentActionKind.Acknowledge,
        _ => IncidentActionKind.Resolve,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted {EventType} for Id '{AlertId}' from {Integration}")]
    private partial void LogAccepted(string eventType, string alertId, string integration);
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

/// <summary>What became of a webhook. The function decides how each outcome is answered.</summary>
public enum IntakeOutcome
{
    /// <summary>Enqueued; <see cref="IntakeResult.Accepted"/> holds the receipt.</summary>
    Accepted,

    /// <summary>Unknown account, unknown or disabled integration, or wrong token: all alike.</summary>
    NotFound,

    /// <summary>The Content-Type is not JSON.</summary>
    UnsupportedMediaType,

    /// <summary>The body is over <see cref="WebhookLimits.MaxBodyBytes"/>.</summary>
    TooLarge,

    /// <summary>The body is not a valid event; <see cref="IntakeResult.Errors"/> lists every problem.</summary>
    Invalid,
}

/// <summary>The outcome of a webhook, with the receipt when accepted or every problem found when refused.</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, AcceptedBody? Accepted, IReadOnlyList<FieldError> Errors)
{
    public static IntakeResult Accept(string eventType, string id, string requestId) =>
        new(IntakeOutcome.Accepted, new AcceptedBody("accepted", eventType, id, requestId), []);

    public static IntakeResult NotFound() => new(IntakeOutcome.NotFound, null, []);

    public static IntakeResult Refused(IntakeOutcome outcome, IReadOnlyList<FieldError> errors) => new(outcome, null, errors);
}

/// <summary><c>{"status":"accepted","event_type":...,"id":...,"request_id":...}</c>: what a 202 answers.</summary>
public sealed record AcceptedBody(
    string Status,
    [property: System.Text.Json.Serialization.JsonPropertyName("event_type")] string EventType,
    string Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("request_id")] string RequestId);
