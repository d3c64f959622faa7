using Klaxon.Accounts;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.OnCall;

/// <summary>
/// <c>/api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens</c>: read-only tokens for one schedule's
/// <c>.ics</c> feed, to give calendar apps a URL that opens that feed and nothing else, and that can be revoked on
/// its own. Who may call: an admin key of the account; anyone else 401/403.
/// </summary>
public sealed class CalendarTokenFunctions(ApiAccess access, AccountStore accounts, CredentialEndpoints endpoints, CredentialStore credentials)
{
    private const string Route = "api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens";

    [Function("CreateCalendarToken")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, scheduleId, cancellationToken).ConfigureAwait(false);
        return refusal ?? await endpoints.CreateAsync(request, accountId, CredentialKind.CalendarToken, scheduleId, caller,
            secret => FeedPath(accountId, scheduleId, secret), cancellationToken).ConfigureAwait(false);
    }

    [Function("ListCalendarTokens")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, scheduleId, cancellationToken).ConfigureAwait(false);
        return refusal ?? await endpoints.ListAsync(accountId, CredentialKind.CalendarToken, scheduleId, cancellationToken).ConfigureAwait(false);
    }

    [Function("RotateCalendarToken")]
    public async Task<IActionResult> Rotate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{tokenId}/rotate")] HttpRequest request,
        string accountId,
        string scheduleId,
        string tokenId,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, scheduleId, cancellationToken).ConfigureAwait(false);
        return refusal ?? await endpoints.RotateAsync(accountId, CredentialKind.CalendarToken, scheduleId, tokenId,
            secret => FeedPath(accountId, scheduleId, secret), cancellationToken).ConfigureAwait(false);
    }

    [Function("RevokeCalendarToken")]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{tokenId}")] HttpRequest request,
        string accountId,
        string scheduleId,
        string tokenId,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, scheduleId, cancellationToken).ConfigureAwait(false);
        return refusal ?? await endpoints.RevokeAsync(accountId, CredentialKind.CalendarToken, scheduleId, tokenId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST /api/accounts/{accountId}/users/{userId}/calendar-links/reset</c>: revokes every calendar link the
    /// responder app gave the user (its Subscribe links), e.g. when they leave a team or lose a phone. Admin key.
    /// </summary>
    [Function("ResetUserCalendarLinks")]
    public async Task<IActionResult> ResetLinks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/users/{userId}/calendar-links/reset")] HttpRequest request,
        string accountId,
        string userId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if ((await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false))?.FindUser(userId) is null)
        {
            return JsonResponses.NotFound();
        }
        var generation = await credentials.ResetLinksAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new LinksReset("reset", userId, generation));
    }

    private sealed record LinksReset(string Status, string User, long Generation);

    /// <summary>The feed URL's path (relative to the site) with the token in it.</summary>
    public static string FeedPath(string accountId, string scheduleId, string token) =>
        $"/api/accounts/{Uri.EscapeDataString(accountId)}/schedules/{Uri.EscapeDataString(scheduleId)}.ics?token={Uri.EscapeDataString(token)}";

    /// <summary>An admin key of the account, and a schedule that exists (404 otherwise).</summary>
    private async Task<(ApiCaller Caller, IActionResult? Refusal)> EnterAsync(HttpRequest request, string accountId, string scheduleId, CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return (caller, refusal);
        }
        return (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false))?.FindSchedule(scheduleId) is null
            ? (caller, JsonResponses.NotFound())
            : (caller, null);
    }
}
