using System.Text.Json.Serialization;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Heartbeats;

/// <summary>
/// <c>GET|POST /heartbeat/{accountId}/{integrationId}/{token}</c>: a heartbeat integration checks in (GET because cron
/// lines and uptime tools use it). Anonymous: the token is the secret; anything else gets the uniform 404. The body,
/// if any, is ignored. <c>/heartbeat/{accountId}/{integrationId}</c> takes the token in the <c>pagertree-token</c>
/// header instead (<see cref="HeaderToken"/>), keeping it out of URLs.
/// </summary>
public sealed class HeartbeatFunction(HeartbeatMonitor monitor)
{
    [Function("Heartbeat")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "heartbeat/{accountId}/{integrationId}/{token}")] HttpRequest request,
        string accountId,
        string integrationId,
        string token,
        CancellationToken cancellationToken) =>
        await CheckInAsync(accountId, integrationId, token, cancellationToken).ConfigureAwait(false);

    [Function("HeartbeatWithHeaderToken")]
    public async Task<IActionResult> RunWithHeaderToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "heartbeat/{accountId}/{integrationId}")] HttpRequest request,
        string accountId,
        string integrationId,
        CancellationToken cancellationToken) =>
        await CheckInAsync(accountId, integrationId, HeaderToken.From(request) ?? "", cancellationToken).ConfigureAwait(false);

    private async Task<IActionResult> CheckInAsync(string accountId, string integrationId, string token, CancellationToken cancellationToken)
    {
        var receipt = await monitor.CheckInAsync(accountId, integrationId, token, cancellationToken).ConfigureAwait(false);
        return receipt is null
            ? JsonResponses.NotFound()
            : JsonResponses.Json(200, new CheckInBody("ok", receipt.NextDue, receipt.ResolvedMiss));
    }

    /// <summary><c>{"status":"ok","next_due":"…","resolved":false}</c>.</summary>
    private sealed record CheckInBody(
        string Status,
        [property: JsonPropertyName("next_due")] DateTimeOffset NextDue,
        bool Resolved);
}
