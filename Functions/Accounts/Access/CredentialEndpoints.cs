using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Accounts;

/// <summary>
/// Create, list, rotate and revoke for both credential kinds, so API keys and calendar tokens answer alike. The
/// caller has already passed <see cref="ApiAccess"/>; the account (and for calendar tokens the schedule) exists.
/// A secret appears only in the answer to create and rotate, never again.
/// </summary>
public sealed class CredentialEndpoints(CredentialStore store)
{
    public async Task<IActionResult> CreateAsync(HttpRequest request, string accountId, CredentialKind kind, string? scheduleId, ApiCaller caller, Func<string, string?> feedPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var body = await JsonRequestReader.ReadJsonAsync(request, CredentialRequest.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        var (parsed, errors) = CredentialRequest.Parse(body.Root, kind);
        if (parsed is null)
        {
            return JsonResponses.Invalid(400, errors);
        }
        if (await store.CreateAsync(accountId, kind, parsed, scheduleId, caller.Name, cancellationToken).ConfigureAwait(false) is not { } created)
        {
            return JsonResponses.Invalid(409, "name", $"is one too many: an account can hold at most {CredentialStore.MaxPerAccount}; revoke one first");
        }
        return JsonResponses.Json(201, Issued(created.Stored, created.Secret, feedPath));
    }

    public async Task<IActionResult> ListAsync(string accountId, CredentialKind kind, string? scheduleId, CancellationToken cancellationToken)
    {
        var listed = await store.ListAsync(accountId, kind, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new CredentialList([.. listed.Where(c => c.ScheduleId == scheduleId).Select(Listed)]));
    }

    public async Task<IActionResult> RotateAsync(string accountId, CredentialKind kind, string? scheduleId, string id, Func<string, string?> feedPath, CancellationToken cancellationToken)
    {
        if (await store.RotateAsync(accountId, kind, scheduleId, id, cancellationToken).ConfigureAwait(false) is not { } rotated)
        {
            return JsonResponses.NotFound();
        }
        return JsonResponses.Json(200, Issued(rotated.Stored, rotated.Secret, feedPath));
    }

    public async Task<IActionResult> RevokeAsync(string accountId, CredentialKind kind, string? scheduleId, string id, CancellationToken cancellationToken) =>
        await store.RevokeAsync(accountId, kind, scheduleId, id, cancellationToken).ConfigureAwait(false)
            ? new StatusCodeResult(204)
            : JsonResponses.NotFound();

    private static IssuedCredential Issued(StoredCredential c, string secret, Func<string, string?> feedPath) =>
        new(c.Id, c.Name, c.Kind == CredentialKind.ApiKey ? c.Role.ToWire() : null, c.ScheduleId, secret, feedPath(secret), c.CreatedAt, c.RotatedAt, c.CreatedBy);

    private static ListedCredential Listed(StoredCredential c) =>
        new(c.Id, c.Name, c.Kind == CredentialKind.ApiKey ? c.Role.ToWire() : null, c.ScheduleId,
            $"{CredentialSecret.Prefix(c.Kind)}{c.Id}_…", c.CreatedAt, c.RotatedAt, c.CreatedBy);

    /// <param name="Secret">The whole credential: shown here and never again.</param>
    /// <param name="FeedPath">For a calendar token, the feed's path with the token in it.</param>
    private sealed record IssuedCredential(string Id, string Name, string? Role, string? Schedule, string Secret, string? FeedPath,
        DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, string CreatedBy);

    /// <param name="Hint">The credential's visible start, to tell keys apart; the secret part is never shown.</param>
    private sealed record ListedCredential(string Id, string Name, string? Role, string? Schedule, string Hint,
        DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, string CreatedBy);

    private sealed record CredentialList(IReadOnlyList<ListedCredential> Items);
}
