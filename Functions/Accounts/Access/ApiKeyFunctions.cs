using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Klaxon.Http;

namespace Klaxon.Accounts;

/// <summary>
/// <c>/api/accounts/{accountId}/keys</c>: an account's API keys. Who may call: an admin key of the account, or the
/// operator key (to issue an account's first admin key, or recover from a lost one). Anyone else: 401/403.
/// </summary>
public sealed class ApiKeyFunctions(ApiAccess access, AccountStore accounts, CredentialEndpoints endpoints)
{
    private const string Route = "api/accounts/{accountId}/keys";

    [Function("CreateApiKey")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: true, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            return JsonResponses.NotFound();
        }
        return await endpoints.CreateAsync(request, accountId, CredentialKind.ApiKey, null, caller, _ => null, cancellationToken).ConfigureAwait(false);
    }

    [Function("ListApiKeys")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: true, cancellationToken).ConfigureAwait(false);
        return caller.Refusal ?? await endpoints.ListAsync(accountId, CredentialKind.ApiKey, null, cancellationToken).ConfigureAwait(false);
    }

    [Function("RotateApiKey")]
    public async Task<IActionResult> Rotate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{keyId}/rotate")] HttpRequest request,
        string accountId,
        string keyId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: true, cancellationToken).ConfigureAwait(false);
        return caller.Refusal ?? await endpoints.RotateAsync(accountId, CredentialKind.ApiKey, null, keyId, _ => null, cancellationToken).ConfigureAwait(false);
    }

    [Function("RevokeApiKey")]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{keyId}")] HttpRequest request,
        string accountId,
        string keyId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: true, cancellationToken).ConfigureAwait(false);
        return caller.Refusal ?? await endpoints.RevokeAsync(accountId, CredentialKind.ApiKey, null, keyId, cancellationToken).ConfigureAwait(false);
    }
}
