using System.Text;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// The app's admin page, for users whose <c>role</c> is <c>admin</c> (responders get 403, strangers 404): the account's
/// configuration document (read, and replace with validation errors at their JSON paths, exactly as the management
/// API's PUT) and its integrations with their webhook URLs. Tokens are shown once, in the save that generated them.
/// </summary>
public sealed class AppAdminFunctions(AppGate gate, IOptions<AppOptions> options, AccountStore store, IEnumerable<IAccountConfigCheck> checks) : AppApiFunction(gate, options)
{
    private const string Route = "app/api/accounts/{accountId}/admin";

    [Function("AppGetConfig")]
    public async Task<IActionResult> GetConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, UserRole.Admin, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var config = await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        return config is null
            ? JsonResponses.NotFound()
            : new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = AccountConfigSerializer.ToPublicJson(config) };
    }

    [Function("AppPutConfig")]
    public async Task<IActionResult> PutConfig(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route + "/config")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, UserRole.Admin, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var body = await JsonRequestReader.ReadAsync(request, AccountConfigFunctions.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
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
            return JsonResponses.Json(200, new Saved("saved", accountId, [.. saved.Tokens.Select(g => new Generated(g.IntegrationId, g.Token,
                IntegrationPaths.For(accountId, g.IntegrationId, parsed.Config.FindIntegration(g.IntegrationId)!.Type, g.Token)))], saved.Secrets));
        }
        catch (ConcurrencyConflictException)
        {
            return JsonResponses.Json(409, new StatusBody("conflict"));
        }
    }

    /// <summary>The integrations and their webhook URLs, with <c>{token}</c> where the token goes (only its hash is stored).</summary>
    [Function("AppListIntegrations")]
    public async Task<IActionResult> Integrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/integrations")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Admin, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        return JsonResponses.Json(200, new IntegrationList([.. caller.Account!.Integrations.Select(i => new Integration(
            i.Id, i.Name, i.Type.ToWire(), i.Team, i.Urgency.ToWire(), i.Enabled, IntegrationPaths.For(accountId, i.Id, i.Type, IntegrationPaths.TokenPlaceholder)))]));
    }

    private sealed record Generated(string IntegrationId, string Token, string Url);

    private sealed record Saved(string Status, string AccountId, IReadOnlyList<Generated> GeneratedTokens, IReadOnlyList<GeneratedSecret> GeneratedSecrets);

    private sealed record Integration(string Id, string Name, string Type, string Team, string Urgency, bool Enabled, string Url);

    private sealed record IntegrationList(IReadOnlyList<Integration> Items);
}
