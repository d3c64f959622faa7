using System.Text;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Accounts;

/// <summary>
/// <c>PUT/GET /api/accounts/{accountId}/config</c>: the account's configuration document. Who may call: an admin key
/// of the account; the operator key may PUT only to create an account that does not exist yet.
/// </summary>
public sealed class AccountConfigFunctions(AccountStore store, ApiAccess access, IEnumerable<IAccountConfigCheck> checks)
{
    /// <summary>Largest configuration document accepted: 1 MiB.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    [Function("PutAccountConfig")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/accounts/{accountId}/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: true, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (caller.IsOperator && await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ApiAccess.Forbidden("the operator key creates accounts; an existing account's configuration is changed with one of its admin keys");
        }
        var body = await JsonRequestReader.ReadAsync(request, MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        // The parser reports invalid JSON itself, at the JSON path "$" like every other problem with the document.
        var parsed = AccountConfigParser.Parse(Encoding.UTF8.GetString(body.Bytes.Span), accountId);
        if (!parsed.IsValid)
        {
            return JsonResponses.Invalid(400, parsed.Errors);
        }
        var problems = await AccountConfigChecks.RunAsync(checks, parsed.Config, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return JsonResponses.Invalid(400, problems);
        }
        try
        {
            var saved = await store.SaveWithSecretsAsync(parsed.Config, cancellationToken).ConfigureAwait(false);
            return JsonResponses.Json(200, new SavedBody("saved", accountId, saved.Tokens, saved.Secrets));
        }
        catch (ConcurrencyConflictException)
        {
            return JsonResponses.Json(409, new StatusBody("conflict"));
        }
    }

    [Function("GetAccountConfig")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var config = await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        return config is null
            ? JsonResponses.NotFound()
            : new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = AccountConfigSerializer.ToPublicJson(config) };
    }

    /// <param name="GeneratedTokens">Tokens generated for new integrations that had none; shown only in this response.</param>
    /// <param name="GeneratedSecrets">Signing secrets generated for new outgoing webhooks that had none; shown only in this response.</param>
    private sealed record SavedBody(string Status, string AccountId, IReadOnlyList<GeneratedToken> GeneratedTokens, IReadOnlyList<GeneratedSecret> GeneratedSecrets);
}
