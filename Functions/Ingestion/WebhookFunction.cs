using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Ingestion;

/// <summary><c>POST /integration/{accountId}/{integrationId}/{token}</c>: the PagerTree-compatible webhook endpoint.</summary>
public sealed class WebhookFunction(WebhookIntake intake, TimeProvider time)
{
    [Function("Webhook")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "integration/{accountId}/{integrationId}/{token}")] HttpRequest request,
        string accountId,
        string integrationId,
        string token,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var result = await intake.AcceptAsync(new WebhookRequest(
            accountId, integrationId, token,
            request.ContentType, request.ContentLength, request.Body,
            Guid.NewGuid().ToString(), receivedAt), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            IntakeOutcome.Accepted => JsonResponses.Json(202, result.Accepted!),
            IntakeOutcome.NotFound => JsonResponses.NotFound(),
            IntakeOutcome.UnsupportedMediaType => JsonResponses.Invalid(415, result.Errors),
            IntakeOutcome.TooLarge => JsonResponses.Invalid(413, result.Errors),
            _ => JsonResponses.Invalid(400, result.Errors),
        };
    }
}
