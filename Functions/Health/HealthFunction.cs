using Klaxon.Http;
using Klaxon.Notifications.Delivery;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Health;

/// <summary>
/// <c>GET /api/health</c>: 200 when storage answers, 503 otherwise, with where each channel's pages go (a provider, or
/// the outbox and why). Anonymous, for load balancers and probes: it names providers and settings, never their values.
/// </summary>
public sealed class HealthFunction(StorageProbe storage, ChannelStatus channels)
{
    /// <summary>How long storage has to answer before the probe reports it unavailable: 5 seconds.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await storage.AnswersAsync(StorageTimeout, cancellationToken).ConfigureAwait(false)
            ? JsonResponses.Json(200, new { status = "ok", channels = channels.Describe() })
            : JsonResponses.Json(503, new { status = "unavailable", reason = "storage did not answer", channels = channels.Describe() });
}
