using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Notifications.Push;

/// <summary>
/// Users' Web Push subscriptions, in <see cref="StorageNames.ContactsTable"/>: one partition per user
/// (<c>push|{account}|{user}</c>), one row per browser subscription keyed by the SHA-256 of its endpoint, so registering
/// the same browser twice updates one row instead of paging it twice.
/// </summary>
public sealed class PushSubscriptionStore(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ContactsTable);

    /// <summary>Account and user ids cannot contain <c>|</c>, so the partition names exactly one user.</summary>
    public static string Partition(string accountId, string userId) => $"push|{accountId}|{userId}";

    /// <summary>Subscriptions per user. Default 20: every page goes to all of them, and a user has only so many browsers.</summary>
    public const int MaxPerUser = 20;

    /// <summary>The subscription id: lower-case hex SHA-256 of the endpoint URL (64 characters).</summary>
    public static string IdFor(string endpoint) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint)));

    /// <summary>True for strings shaped like <see cref="IdFor"/>'s output; anything else cannot name a subscription.</summary>
    public static bool IsId(string? id) => id is { Length: 64 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>
    /// Adds the subscription, or replaces the keys of the one with the same endpoint (a browser re-subscribing keeps its
    /// endpoint but may rotate keys). The first registration time is kept.
    /// </summary>
    public async Task<StoredPushSubscription> AddAsync(string accountId, string userId, PushSubscriptionKeys subscription, CancellationToken cancellationToken)
    {
        var id = IdFor(subscription.Endpoint);
        var partition = Partition(accountId, userId);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var createdAt = existing.HasValue ? existing.Value!.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow() : time.GetUtcNow();
        var entity = new TableEntity(partition, id)
        {
            ["Endpoint"] = subscription.Endpoint,
            ["P256dh"] = subscription.P256dh,
            ["Auth"] = subscription.Auth,
            ["CreatedAt"] = createdAt,
        };
        // Two registrations of the same browser racing write the same endpoint and near-identical keys: last one wins.
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new StoredPushSubscription(id, subscription.Endpoint, subscription.P256dh, subscription.Auth, createdAt);
    }

    /// <summary>The user's subscriptions, oldest first.</summary>
    public async Task<IReadOnlyList<StoredPushSubscription>> ListAsync(string accountId, string userId, CancellationToken cancellationToken)
    {
        var found = new List<StoredPushSubscription>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(accountId, userId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(new StoredPushSubscription(
                row.RowKey,
                row.GetString("Endpoint") ?? "",
                row.GetString("P256dh") ?? "",
                row.GetString("Auth") ?? "",
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
        }
        return [.. found.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <returns>False when there was no such subscription.</returns>
    public async Task<bool> RemoveAsync(string accountId, string userId, string subscriptionId, CancellationToken cancellationToken)
    {
        // DeleteEntity answers a missing row with its 404 response rather than an exception.
        using var response = await _table.DeleteEntityAsync(Partition(accountId, userId), subscriptionId, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>
    /// <see cref="RemoveAsync"/> for clean-up that must not fail its caller (a push service said the subscription is
    /// gone): returns storage's status when the removal failed, null when the subscription is gone now.
    /// </summary>
    public async Task<int?> TryRemoveAsync(string accountId, string userId, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await RemoveAsync(accountId, userId, subscriptionId, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException failure)
        {
            return failure.Status;
        }
    }
}

/// <summary>What a browser's <c>PushSubscription.toJSON()</c> gives: the endpoint and the two keys, base64url as sent.</summary>
/// <param name="P256dh">The user agent's uncompressed P-256 public key (65 bytes).</param>
/// <param name="Auth">The 16-byte authentication secret.</param>
public sealed record PushSubscriptionKeys(string Endpoint, string P256dh, string Auth);

/// <summary>A stored subscription. <see cref="P256dh"/> and <see cref="Auth"/> are never shown by the API.</summary>
public sealed record StoredPushSubscription(string Id, string Endpoint, string P256dh, string Auth, DateTimeOffset CreatedAt);
