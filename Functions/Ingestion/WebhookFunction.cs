using Klaxon.Accounts;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Ingestion;

/// <summary>
/// The inbound endpoints for monitoring tools. Anonymous: the secret is the integration URL's token, the
/// <c>pagertree-token</c> header (<see cref="HeaderToken"/>), or for <c>/v2/enqueue</c> the body's <c>routing_key</c>;
/// anything else gets the uniform 404.
/// </summary>
public sealed class WebhookFunction(WebhookIntake intake, TimeProvider time)
{
    /// <summary><c>POST /integration/{accountId}/{integrationId}/{token}</c>: accepts the integration's own format.</summary>
    [Function("Webhook")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "integration/{accountId}/{integrationId}/{token}")] HttpRequest request,
        string accountId,
        string integrationId,
        string token,
        CancellationToken cancellationToken)
    {
        return await AcceptAsync(request, accountId, integrationId, token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /integration/{accountId}/{integrationId}</c> with the token in the <c>pagertree-token</c> header, so it
    /// stays out of URLs and the logs that record them. Without the header (or with it twice): the uniform 404.
    /// </summary>
    [Function("WebhookWithHeaderToken")]
    public async Task<IActionResult> RunWithHeaderToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "integration/{accountId}/{integrationId}")] HttpRequest request,
        string accountId,
        string integrationId,
        CancellationToken cancellationToken) =>
        await AcceptAsync(request, accountId, integrationId, HeaderToken.From(request), cancellationToken).ConfigureAwait(false);

    private async Task<IActionResult> AcceptAsync(HttpRequest request, string accountId, string integrationId, string? token, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var result = await intake.AcceptAsync(new WebhookRequest(
            accountId, integrationId, token ?? "",
            request.ContentType, request.ContentLength, request.Body,
            Guid.NewGuid().ToString(), receivedAt), cancellationToken).ConfigureAwait(false);
        return Answer(result);
    }

    /// <summary><c>POST /v2/enqueue</c>: PagerDuty Events API v2, at PagerDuty's path so a sender only changes the host.</summary>
    [Function("PagerDutyEnqueue")]
    public async Task<IActionResult> Enqueue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/enqueue")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var result = await intake.AcceptPagerDutyAsync(new PagerDutyRequest(
            request.ContentType, request.ContentLength, request.Body, Guid.NewGuid().ToString(), receivedAt), cancellationToken).ConfigureAwait(false);
        return Answer(result);
    }

    private static IActionResult Answer(IntakeResult result)
    {
        var status = result.Outcome switch
        {
            IntakeOutcome.Accepted => 202,
            IntakeOutcome.NotFound => 404,
            IntakeOutcome.UnsupportedMediaType => 415,
            IntakeOutcome.TooLarge => 413,
            _ => 400,
        };
        if (result.Outcome == IntakeOutcome.NotFound)
        {
            return JsonResponses.NotFound();
        }
        if (result.Format == IntegrationType.Pagerduty)
        {
            return result.Accepted is { } receipt
                ? JsonResponses.Json(status, PagerDutyAcceptedBody.Of(receipt.Id))
                : JsonResponses.Json(status, PagerDutyInvalidBody.Of(result.Errors));
        }
        return result.Accepted is { } accepted ? JsonResponses.Json(status, accepted) : JsonResponses.Invalid(status, result.Errors);
    }
}
