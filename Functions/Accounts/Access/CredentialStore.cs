using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Accounts;

/// <summary>
/// Per-account API keys and calendar tokens in <see cref="StorageNames.CredentialsTable"/>: partition = account, row =
/// the credential's id, so a credential is only ever looked up inside the account named by the route — a key of
/// account A is simply not found in account B. Only the SHA-256 of the secret is stored.
/// </summary>
public sealed class CredentialStore(TableServiceClient tables, TimeProvider time)
{
    /// <summary>Most credentials of one kind an account may hold: 100 (a bound on what a list returns).</summary>
    public const int MaxPerAccount = 100;

    private TableClient Table => tables.GetTableClient(StorageNames.CredentialsTable);

    /// <summary>Issues a credential and returns it with its secret, the only time the secret exists outside the caller.</summary>
    /// <returns>Null when the account already holds <see cref="MaxPerAccount"/> of this kind.</returns>
    public async Task<(StoredCredential Stored, string Secret)?> CreateAsync(
        string accountId, CredentialKind kind, CredentialRequest request, string? scheduleId, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((await ListAsync(accountId, kind, cancellationToken).ConfigureAwait(false)).Count >= MaxPerAccount)
        {
            return null;
        }
        var id = CredentialSecret.NewId();
        var secret = CredentialSecret.New(kind, id);
        var stored = new StoredCredential(accountId, id, kind, request.Name, request.Role, scheduleId, CredentialSecret.Hash(secret),
            time.GetUtcNow(), null, createdBy);
        await Table.AddEntityAsync(ToEntity(stored), cancellationToken).ConfigureAwait(false);
        return (stored, secret);
    }

    /// <summary>The account's credentials of <paramref name="kind"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StoredCredential>> ListAsync(string accountId, CredentialKind kind, CancellationToken cancellationToken)
    {
        var found = new List<StoredCredential>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and Kind eq {kind.ToWire()}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(FromEntity(entity));
        }
        return [.. found.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Gives the credential a new secret; the old one stops working at once. Null when there is no such credential
    /// issued for <paramref name="scheduleId"/> (null for API keys).
    /// </summary>
    public async Task<(StoredCredential Stored, string Secret)?> RotateAsync(string accountId, CredentialKind kind, string? scheduleId, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(accountId, kind, id, cancellationToken).ConfigureAwait(false) is not { } found || found.Credential.ScheduleId != scheduleId)
        {
            return null;
        }
        var secret = CredentialSecret.New(kind, id);
        var rotated = found.Credential with { Hash = CredentialSecret.Hash(secret), RotatedAt = time.GetUtcNow() };
        try
        {
            await Table.UpdateEntityAsync(ToEntity(rotated), found.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status is 404 or 412)
        {
            // Revoked or rotated by someone else meanwhile: this rotation did not happen.
            return null;
        }
        return (rotated, secret);
    }

    /// <summary>Deletes the credential; false when there was none issued for <paramref name="scheduleId"/> (null for API keys).</summary>
    public async Task<bool> RevokeAsync(string accountId, CredentialKind kind, string? scheduleId, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(accountId, kind, id, cancellationToken).ConfigureAwait(false) is not { } found || found.Credential.ScheduleId != scheduleId)
        {
            return false;
        }
        try
        {
            await Table.DeleteEntityAsync(accountId, id, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            return false;
        }
    }

    /// <summary>The credential <paramref name="presented"/> names in <paramref name="accountId"/>, if its secret matches; one point read.</summary>
    public async Task<StoredCredential?> VerifyAsync(string accountId, CredentialKind kind, string presented, CancellationToken cancellationToken)
    {
        if (!CredentialSecret.TryReadId(presented, kind, out var id)
            || await FindAsync(accountId, kind, id, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }
        return CredentialSecret.Matches(presented, found.Credential.Hash) ? found.Credential : null;
    }

    /// <summary>
    /// The generation of a user's signed calendar links (the app's Subscribe links): part of what each link signs, so
    /// moving it on (<see cref="ResetLinksAsync"/>) revokes every link the user was given. 0 until first reset.
    /// </summary>
    public async Task<long> LinkGenerationAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        if (!ConfigSyntax.IsId(accountId) || !ConfigSyntax.IsId(userId))
        {
            return 0;
        }
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, LinksRow(userId), select: ["Generation"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt64("Generation") ?? 0 : 0;
    }

    /// <summary>Revokes every signed calendar link of the user by moving their generation on; returns the new one.</summary>
    /// <exception cref="ConcurrencyConflictException">Ten resets of the same user raced this one (then the caller answers 5xx and may try again).</exception>
    public Task<long> ResetLinksAsync(string accountId, string userId, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync($"Calendar links of {userId} in {accountId}", maxAttempts: 10, async (_, token) =>
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, LinksRow(userId), cancellationToken: token).ConfigureAwait(false);
            var next = (row.HasValue ? row.Value!.GetInt64("Generation") ?? 0 : 0) + 1;
            var entity = new TableEntity(accountId, LinksRow(userId)) { ["Generation"] = next, ["ResetAt"] = time.GetUtcNow() };
            try
            {
                await (row.HasValue
                    ? Table.UpdateEntityAsync(entity, row.Value!.ETag, TableUpdateMode.Replace, token)
                    : Table.AddEntityAsync(entity, token)).ConfigureAwait(false);
                return Attempt.Done(next);
            }
            catch (RequestFailedException raced) when (raced.Status is 409 or 412)
            {
                return Attempt<long>.Conflict;
            }
        }, cancellationToken);

    /// <summary>Row of a user's link generation; never a credential id (those are 12 base32 characters).</summary>
    private static string LinksRow(string userId) => "calendar-links|" + userId;

    private async Task<(StoredCredential Credential, ETag ETag)?> FindAsync(string accountId, CredentialKind kind, string id, CancellationToken cancellationToken)
    {
        if (!CredentialSecret.IsId(id) || !ConfigSyntax.IsId(accountId))
        {
            return null;
        }
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(accountId, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        var credential = FromEntity(entity);
        return credential.Kind == kind ? (credential, entity.ETag) : null;
    }

    private static TableEntity ToEntity(StoredCredential c) => new(c.AccountId, c.Id)
    {
        ["Kind"] = c.Kind.ToWire(),
        ["Name"] = c.Name,
        ["Role"] = c.Role.ToWire(),
        ["Schedule"] = c.ScheduleId,
        ["Hash"] = c.Hash,
        ["CreatedAt"] = c.CreatedAt,
        ["RotatedAt"] = c.RotatedAt,
        ["CreatedBy"] = c.CreatedBy,
    };

    private static StoredCredential FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        WireNames.Parse<CredentialKind>(e.GetString("Kind")),
        e.GetString("Name"),
        WireNames.Parse<ApiRole>(e.GetString("Role")),
        e.GetString("Schedule"),
        e.GetString("Hash"),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("RotatedAt"),
        e.GetString("CreatedBy") ?? "");
}
