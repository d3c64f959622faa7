using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Notifications.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Email;

/// <summary>
/// <c>POST sendgrid/events</c>: SendGrid's signed event webhook. Only a request signed with the configured verification
/// key changes anything (403 otherwise). Answers 200 once the events are recorded; SendGrid retries anything else.
/// </summary>
/// <remarks>
/// The signed timestamp is not checked for age: a replayed batch can only repeat states already recorded (they only move
/// forward), and SendGrid's own retries of a failed batch can arrive hours later.
/// </remarks>
public sealed partial class SendGridEventsFunction(SendGridWebhookVerifier verifier, DeliveryLog log, ILogger<SendGridEventsFunction> logger)
{
    /// <summary>The route to give SendGrid (Mail Settings → Event Webhook), after the public base URL.</summary>
    public const string Route = "sendgrid/events";

    /// <summary>Largest body accepted: 2 MiB. SendGrid posts a batch at about 768 KB.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    [Function("SendGridEvents")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        // The signature, not the Content-Type, says what the body is; SendGridEvents.Parse reports invalid JSON.
        var read = await JsonRequestReader.ReadAnyAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        var body = read.Bytes;
        var check = verifier.Verify(
            request.Headers[SendGridWebhookVerifier.SignatureHeader].ToString(),
            request.Headers[SendGridWebhookVerifier.TimestampHeader].ToString(),
            body.Span);
        if (check != WebhookSignatureCheck.Valid)
        {
            LogRejected(logger, check);
            return JsonResponses.Json(403, new StatusBody("forbidden"));
        }
        var (updates, skipped, error) = SendGridEvents.Parse(body);
        if (error is not null)
        {
            return JsonResponses.Invalid(400, "body", error);
        }
        var recorded = 0;
        foreach (var update in updates)
        {
            if (await log.RecordStatusAsync(update, cancellationToken).ConfigureAwait(false))
            {
                recorded++;
            }
        }
        LogReceived(logger, updates.Count + skipped, recorded);
        return JsonResponses.Json(200, new EventsReceived("ok", recorded, updates.Count + skipped - recorded));
    }

    /// <param name="Ignored">Events about other mail, of kinds Klaxon does not track, or repeating a known state.</param>
    private sealed record EventsReceived(string Status, int Recorded, int Ignored);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid event webhook refused: {Check}.")]
    private static partial void LogRejected(ILogger logger, WebhookSignatureCheck check);

    [LoggerMessage(Level = LogLevel.Information, Message = "SendGrid event webhook: {Events} events, {Recorded} recorded.")]
    private static partial void LogReceived(ILogger logger, int events, int recorded);
}
