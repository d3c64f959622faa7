using System.Security.Cryptography;
using System.Text;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Klaxon.Accounts;

/// <summary>
/// The one gate of <c>/api/accounts/{account}/…</c>: the caller sends <c>Authorization: Bearer klx_…</c>, an API key
/// of that account with at least the route's role (or, where a route allows it, the operator key). Nothing is read
/// from the query string — a <c>?code=</c> is refused with a message that says so, since URLs end up in logs,
/// proxies and browser history. The platform's function keys are not used: every route is anonymous at the host
/// and decides here.
/// </summary>
public sealed class ApiAccess(CredentialStore credentials, IOptions<AccessOptions> options)
{
    private const string BearerHint = "send an API key of this account as 'Authorization: Bearer klx_…'";

    /// <summary>Checks the caller of a route of <paramref name="accountId"/> that needs <paramref name="needed"/>.</summary>
    /// <param name="operatorAllowed">True on the few routes the operator key may use (account creation, key management).</param>
    public async Task<ApiCaller> CheckAsync(HttpRequest request, string accountId, ApiRole needed, bool operatorAllowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = BearerToken(request);
        if (presented is null)
        {
            return Refuse(request, request.Query.ContainsKey("code")
                ? "credentials are not accepted in the query string; " + BearerHint
                : "an API key is required: " + BearerHint);
        }
        if (IsOperatorKey(presented))
        {
            return operatorAllowed
                ? new ApiCaller(null, true, null)
                : Forbid("the operator key only creates accounts and manages their API keys; use an API key of this account");
        }
        if (await credentials.VerifyAsync(accountId, CredentialKind.ApiKey, presented, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            // The same answer for a malformed key, a revoked one and one of another account: nothing to probe.
            return Refuse(request, "the API key is not valid for this account");
        }
        return key.Role.Grants(needed)
            ? new ApiCaller(key, false, null)
            : Forbid($"this API key's role is {key.Role.ToWire()}; this needs {needed.ToWire()} or above");
    }

    /// <summary>
    /// Checks the caller of a schedule's <c>.ics</c> feed: a calendar token issued for exactly this schedule in
    /// <c>?token=</c> (calendar apps can only be given a URL), or else any API key of the account.
    /// </summary>
    public async Task<ApiCaller> CheckCalendarAsync(HttpRequest request, string accountId, string scheduleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query["token"].ToString() is not { Length: > 0 } token)
        {
            return await CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        }
        return await credentials.VerifyAsync(accountId, CredentialKind.CalendarToken, token, cancellationToken).ConfigureAwait(false) is { } calendar
            && string.Equals(calendar.ScheduleId, scheduleId, StringComparison.Ordinal)
            ? new ApiCaller(calendar, false, null)
            : Refuse(request, "the calendar token is not valid for this schedule (revoked, rotated, or issued for another one)");
    }

    private bool IsOperatorKey(string presented) =>
        options.Value.UsableOperatorKey is { Length: >= AccessOptions.MinOperatorKeyLength } operatorKey
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(operatorKey));

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }

    private static ApiCaller Refuse(HttpRequest request, string detail)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return new ApiCaller(null, false, JsonResponses.Json(401, new AccessRefusal("unauthorized", detail)));
    }

    private static ApiCaller Forbid(string detail) => new(null, false, Forbidden(detail));

    /// <summary>403 <c>{"status":"forbidden","detail":…}</c>, for a caller who is known but may not do this.</summary>
    public static IActionResult Forbidden(string detail) => JsonResponses.Json(403, new AccessRefusal("forbidden", detail));

    private sealed record AccessRefusal(string Status, string Detail);
}
