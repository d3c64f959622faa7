using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Incidents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Escalation;

/// <summary>
/// <c>POST /api/accounts/{accountId}/incidents/{number}/escalate</c> with optional <c>{"user":"alice"}</c>: moves an
/// open incident to its next escalation layer now. Queued on the escalations queue like the timer's work, so it is
/// retried rather than lost and serialised with it. Who may call: a responder or admin key of the account.
/// </summary>
public sealed class EscalateFunction(IncidentReader incidents, AccountStore accounts, EscalationQueue queue, ApiAccess access)
{
    [Function("EscalateIncident")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/incidents/{number}/escalate")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Responder, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value)
            || await incidents.GetAsync(accountId, value, cancellationToken, withTimeline: false).ConfigureAwait(false) is not { } incident)
        {
            return JsonResponses.NotFound();
        }
        var user = await UserActionBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (user.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        if (user.User is { } id && (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false))?.FindUser(id) is null)
        {
            return JsonResponses.Invalid(400, "user", $"must be a user id of account {accountId}; '{id}' is not one");
        }
        if (incident.Status != IncidentStatus.Open)
        {
            return JsonResponses.Json(409, new { status = "not_open", message = $"Incident #{value} is {incident.Status.ToWire()}; only open incidents escalate." });
        }
        var work = new EscalationWork(EscalationWorkKind.Escalate, accountId, value, RequestedBy: user.User ?? "api");
        await queue.SendAsync(work, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(202, new { status = "accepted", action = "escalate", number = value });
    }
}
