using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;
using Klaxon.Hosting;
using Microsoft.Extensions.Options;

namespace Klaxon.Accounts;

/// <summary>
/// Stores each account's configuration document (tokens only as hashes) and serves it to the webhook endpoint from a
/// short-lived cache, so accepting a webhook does not cost a table read. Unknown accounts are cached too, so a stranger
/// probing account ids sees the same timing as a known account with a wrong token.
/// </summary>
public sealed class AccountStore(TableServiceClient tables, TimeProvider time, IOptions<KlaxonOptions> options)
{
    private const string ConfigRow = "config";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);
    private readonly ConcurrentDictionary<string, (AccountConfig? Config, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The account's configuration, at most <see cref="KlaxonOptions.ConfigCacheSeconds"/> old; null if unknown.</summary>
    public async Task<AccountConfig?> GetCachedAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var cached) && cached.Expires > now)
        {
            return cached.Config;
        }
        var config = await GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        _cache[accountId] = (config, now + TimeSpan.FromSeconds(options.Value.ConfigCacheSeconds));
        return config;
    }

    /// <summary>The stored configuration, read now.</summary>
    public async Task<AccountConfig?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(accountId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : AccountConfigSerializer.FromStoredJson(ChunkedProperty.Read(row, "Document")!);
    }

    /// <summary>
    /// Replaces the account's configuration. Integration tokens: a token in the document is hashed and replaces the old
    /// one; an integration without a token keeps its stored hash; a new integration without a token gets a generated
    /// token, returned here once and never again.
    /// </summary>
    /// <exception cref="RequestFailedException">409/412 when another writer changed the account at the same time.</exception>
    public async Task<IReadOnlyList<GeneratedToken>> SaveAsync(AccountConfig config, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(config.Id, cancellationToken).ConfigureAwait(false);
        var previous = existing is null ? null : AccountConfigSerializer.FromStoredJson(ChunkedProperty.Read(existing, "Document")!);
        var generated = new List<GeneratedToken>();
        var integrations = config.Integrations.Select(integration =>
        {
            if (integration.Token is { } token)
            {
                return integration with { Token = null, TokenHash = IntegrationTokens.Hash(token) };
            }
            if (previous?.FindIntegration(integration.Id)?.TokenHash is { } kept)
            {
                return integration with { TokenHash = kept };
            }
            var fresh = IntegrationTokens.Generate();
            generated.Add(new GeneratedToken(integration.Id, fresh));
            return integration with { TokenHash = IntegrationTokens.Hash(fresh) };
        }).ToList();
        var stored = config with { Integrations = integrations };

        var entity = new TableEntity(config.Id, ConfigRow) { ["UpdatedAt"] = time.GetUtcNow() };
        ChunkedProperty.Write(entity, "Document", AccountConfigSerializer.ToStoredJson(stored));
        if (existing is null)
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        _cache.TryRemove(config.Id, out _);
        return generated;
    }

    private async Task<TableEntity?> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, ConfigRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }
}

/// <summary>A token Klaxon generated for a new integration; shown once in the PUT response.</summary>
public sealed record GeneratedToken(string IntegrationId, string Token);
