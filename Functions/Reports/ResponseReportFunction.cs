using Klaxon.Accounts;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Reports;

/// <summary>
/// <c>GET api/accounts/{accountId}/reports/response?from=&amp;to=&amp;team=</c> (any API key of the account): response figures for the
/// incidents opened in <c>[from, to)</c> (<see cref="ResponseReport"/>). 400 naming the parameter, 404 for an unknown account.
/// </summary>
public sealed class ResponseReportFunction(AccountStore accounts, ResponseHistoryReader history, ApiAccess access)
{
    [Function("GetResponseReport")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/reports/response")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is not { } config)
        {
            return JsonResponses.NotFound();
        }
        var (period, errors) = ReportPeriod.Parse(Query(request, "from"), Query(request, "to"), Query(request, "team"), config);
        if (period is null)
        {
            return JsonResponses.Invalid(400, errors);
        }
        var (incidents, pages) = await history.ReadAsync(accountId, period, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, ResponseReport.Compute(period, incidents, pages, config));
    }

    /// <summary>The parameter, or null when absent or empty. A '+' in an offset that arrived unencoded (as a space) is put back.</summary>
    private static string? Query(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value.Replace(' ', '+') : null;
}
