using Klaxon.Accounts;
using System.Globalization;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Incidents;

/// <summary>
/// Management API for incidents: list and read (an API key of the account, any role), acknowledge and resolve
/// (responder or admin). Anyone else: 401/403.
/// </summary>
public sealed class IncidentsApiFunctions(IncidentReader reader, IncidentCommands commands, ApiAccess access)
{
    [Function("ListIncidents")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/incidents")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = new List<FieldError>();
        IncidentStatus? status = null;
        if (request.Query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (WireNames.TryParse<IncidentStatus>(statusText, out var parsed, lenient: true))
            {
                status = parsed;
            }
            else
            {
                errors.Add(new FieldError("status", "must be open, acknowledged or resolved"));
            }
        }
        var limit = IncidentReader.DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > IncidentReader.MaxLimit))
        {
            errors.Add(new FieldError("limit", $"must be a whole number from 1 to {IncidentReader.MaxLimit}"));
        }
        var continuation = request.Query["continuation"].ToString() is { Length: > 0 } c ? c : null;
        if (!IncidentReader.IsValidContinuation(continuation))
        {
            errors.Add(new FieldError("continuation", "must be a continuation returned by a previous page"));
        }
        if (errors.Count > 0)
        {
            return JsonResponses.Invalid(400, errors);
        }
        var page = await reader.ListAsync(accountId, status, limit, continuation, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, page);
    }

    [Function("GetIncident")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/incidents/{number}")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var incident = IncidentNumberFormat.TryParse(number, out var value)
            ? await reader.GetAsync(accountId, value, cancellationToken).ConfigureAwait(false)
            : null;
        return incident is null ? JsonResponses.NotFound() : JsonResponses.Json(200, incident);
    }

    [Function("AcknowledgeIncident")]
    public Task<IActionResult> Acknowledge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/incidents/{number}/acknowledge")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken) =>
        SubmitAsync(request, accountId, number, IncidentActionKind.Acknowledge, cancellationToken);

    [Function("ResolveIncident")]
    public Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/incidents/{number}/resolve")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken) =>
        SubmitAsync(request, accountId, number, IncidentActionKind.Resolve, cancellationToken);

    private async Task<IActionResult> SubmitAsync(HttpRequest request, string accountId, string number, IncidentActionKind action, CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Responder, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value))
        {
            return JsonResponses.NotFound();
        }
        var body = await UserActionBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        var result = await commands.SubmitAsync(accountId, value, action, body.User, "api", cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            CommandOutcome.Accepted => JsonResponses.Json(202, new ActionAccepted("accepted", action.ToWire(), value, result.RequestId!)),
            CommandOutcome.Invalid => JsonResponses.Invalid(400, [result.Error!]),
            _ => JsonResponses.NotFound(),
        };
    }

    private sealed record ActionAccepted(
        string Status,
        string Action,
        long Number,
        [property: System.Text.Json.Serialization.JsonPropertyName("request_id")] string RequestId);
}
