using System.Text;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Accounts;

/// <summary><c>PUT/GET /api/accounts/{accountId}/config</c>: the account's configuration document (function key required).</summary>
public sealed class AccountConfigFunctions(AccountStore store)
{
    /// <summary>Largest configuration document accepted: 1 MiB.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    [Function("PutAccountConfig")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/accounts/{accountId}/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        if (!JsonContentType.IsJson(request.ContentType))
        {
            return JsonResponses.Invalid(415, "Content-Type", $"must be application/json, got '{request.ContentType ?? "(none)"}'");
        }
        if (await BoundedBody.ReadAsync(request.Body, MaxDocumentBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return JsonResponses.Invalid(413, "body", $"must be at most {MaxDocumentBytes} bytes (1 MiB)");
        }
        var parsed = AccountConfigParser.Parse(Encoding.UTF8.GetString(body.Span), accountId);
        if (!parsed.IsValid)
        {
            return JsonResponses.Invalid(400, parsed.Errors);
        }
        try
        {
            var generated = await store.SaveAsync(parsed.Config, cancellationToken).ConfigureAwait(false);
            return JsonResponses.Json(200, new SavedBody("saved", accountId, generated));
        }
        catch (ConcurrencyConflictException)
        {
            return JsonResponses.Json(409, new StatusBody("conflict"));
        }
    }

    [Function("GetAccountConfig")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/accounts/{accountId}/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var config = await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        return config is null
            ? JsonResponses.NotFound()
            : new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = AccountConfigSerializer.ToPublicJson(config) };
    }

    /// <param name="GeneratedTokens">Tokens generated for new integrations that had none; shown only in this response.</param>
    private sealed record SavedBody(string Status, string AccountId, IReadOnlyList<GeneratedToken> GeneratedTokens);
}
