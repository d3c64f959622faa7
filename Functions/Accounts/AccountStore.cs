using Azure.Data.Tables;
using Azure;
using Klaxon.Common;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaxon.Accounts;

/// <summary>
/// Stores each account's configuration document (tokens only as hashes) and serves the webhook endpoint from an
/// in-memory snapshot of all accounts, refreshed in the background every <see cref="KlaxonOptions.ConfigCacheSeconds"/>.
/// Accepting a webhook therefore never reads the table, and looking up an account that does not exist costs exactly
/// what looking up one that does costs: a stranger probing account ids cannot tell them apart by timing.
/// </summary>
/// <param name="savedHandlers">Told after every save (default none); a failing handler fails the save's answer, not the save.</param>
public sealed partial class AccountStore(
    TableServiceClient tables, TimeProvider time, IOptions<KlaxonOptions> options, ILogger<AccountStore> logger,
    IEnumerable<IAccountSavedHandler>? savedHandlers = null)
{
    private const string ConfigRow = "config";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AccountConfig Config, DateTimeOffset SavedAt)> _recentSaves = new(StringComparer.Ordinal);
    private volatile Snapshot? _snapshot;
    private int _refreshing;

    /// <summary>
    /// The account's configuration from the snapshot (at most about <see cref="KlaxonOptions.ConfigCacheSeconds"/> old;
    /// changes saved through this instance apply at once); null if unknown. The first call loads the snapshot.
    /// </summary>
    public async ValueTask<AccountConfig?> GetCachedAsync(string accountId, CancellationToken cancellationToken) =>
        (await CurrentSnapshotAsync(cancellationToken).ConfigureAwait(false)).Accounts.GetValueOrDefault(accountId);

    /// <summary>
    /// The enabled or disabled <see cref="IntegrationType.Pagerduty"/> integration whose token is
    /// <paramref name="routingKey"/> (PagerDuty's <c>POST /v2/enqueue</c> names no account), with its account; null when
    /// none is, or when more than one integration has that token (ambiguous, so neither is chosen). From the same
    /// snapshot as <see cref="GetCachedAsync"/>: a dictionary lookup by the token's hash, whatever the number of accounts.
    /// </summary>
    public async ValueTask<(AccountConfig Account, IntegrationConfig Integration)?> FindByRoutingKeyAsync(string routingKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routingKey);
        var snapshot = await CurrentSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.RoutingKeys.TryGetValue(IntegrationTokens.Hash(routingKey), out var found) ? found : null;
    }

    /// <summary>Every account in the snapshot (same freshness as <see cref="GetCachedAsync"/>).</summary>
    public async ValueTask<IReadOnlyCollection<AccountConfig>> GetAllCachedAsync(CancellationToken cancellationToken) =>
        [.. (await CurrentSnapshotAsync(cancellationToken).ConfigureAwait(false)).Accounts.Values];

    /// <summary>The snapshot, loaded on first use; once it is older than its lifetime, one refresh starts in the background.</summary>
    private async ValueTask<Snapshot> CurrentSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot ?? await LoadSnapshotAsync(cancellationToken).ConfigureAwait(false);
        if (time.GetUtcNow() >= snapshot.Expires && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = RefreshInBackgroundAsync();
        }
        return snapshot;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await LoadSnapshotAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            // Keep serving the last snapshot; the next request tries again.
            LogRefreshFailed(failure.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task<Snapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } fresh && time.GetUtcNow() < fresh.Expires)
            {
                return fresh;
            }
            var started = time.GetUtcNow();
            var accounts = new Dictionary<string, AccountConfig>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"RowKey eq {ConfigRow}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                accounts[row.PartitionKey] = AccountConfigSerializer.FromStoredJson(ChunkedProperty.Read(row, "Document")!);
            }
            lock (_gate)
            {
                // A save on this instance while the table was being read may be missing from what was read: keep it.
                foreach (var (id, (config, savedAt)) in _recentSaves)
                {
                    if (savedAt >= started)
                    {
                        accounts[id] = config;
                    }
                    else
                    {
                        _recentSaves.Remove(id);
                    }
                }
                var snapshot = Snapshot.Of(accounts, time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.ConfigCacheSeconds));
                _snapshot = snapshot;
                return snapshot;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Puts a just-saved configuration into the snapshot so this instance uses it at once.</summary>
    private void Remember(AccountConfig stored)
    {
        lock (_gate)
        {
            _recentSaves[stored.Id] = (stored, time.GetUtcNow());
            if (_snapshot is { } snapshot)
            {
                _snapshot = Snapshot.Of(new Dictionary<string, AccountConfig>(snapshot.Accounts, StringComparer.Ordinal) { [stored.Id] = stored }, snapshot.Expires);
            }
        }
    }

    /// <param name="RoutingKeys">PagerDuty-type integrations by token hash; a hash shared by two integrations is left out.</param>
    private sealed record Snapshot(
        IReadOnlyDictionary<string, AccountConfig> Accounts,
        IReadOnlyDictionary<string, (AccountConfig Account, IntegrationConfig Integration)> RoutingKeys,
        DateTimeOffset Expires)
    {
        public static Snapshot Of(IReadOnlyDictionary<string, AccountConfig> accounts, DateTimeOffset expires)
        {
            var keys = new Dictionary<string, (AccountConfig, IntegrationConfig)>(StringComparer.Ordinal);
            var shared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var account in accounts.Values)
            {
                foreach (var integration in account.Integrations)
                {
                    if (integration.Type == IntegrationType.Pagerduty && integration.TokenHash is { } hash && !keys.TryAdd(hash, (account, integration)))
                    {
                        shared.Add(hash);
                    }
                }
            }
            foreach (var hash in shared)
            {
                keys.Remove(hash);
            }
            return new Snapshot(accounts, keys, expires);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh account configurations ({Reason}); serving the previous snapshot")]
    private partial void LogRefreshFailed(string reason);

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
    /// <exception cref="ConcurrencyConflictException">
    /// Another writer saved the account between this save's read and its write; nothing was written. Not retried: the
    /// document was sent against what its author saw, so the caller answers 409 and the author decides.
    /// </exception>
    public async Task<IReadOnlyList<GeneratedToken>> SaveAsync(AccountConfig config, CancellationToken cancellationToken) =>
        (await SaveWithSecretsAsync(config, cancellationToken).ConfigureAwait(false)).Tokens;

    /// <summary>
    /// <see cref="SaveAsync"/>, also returning the outgoing webhooks' signing secrets generated by this save. Secrets are
    /// kept like tokens: one in the document replaces the stored one; a webhook without one keeps its stored secret; a new
    /// webhook without one gets a generated secret, returned here once (it is stored, as signing needs it, but never shown
    /// again).
    /// </summary>
    public async Task<SavedAccount> SaveWithSecretsAsync(AccountConfig config, CancellationToken cancellationToken)
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
            var fresh = IntegrationTokens.Generate(integration.Type);
            generated.Add(new GeneratedToken(integration.Id, fresh));
            return integration with { TokenHash = IntegrationTokens.Hash(fresh) };
        }).ToList();
        var secrets = new List<GeneratedSecret>();
        var webhooks = config.OutgoingWebhooks.Select(webhook =>
        {
            if (webhook.Secret is not null)
            {
                return webhook;
            }
            if (previous?.FindOutgoingWebhook(webhook.Id)?.Secret is { } kept)
            {
                return webhook with { Secret = kept };
            }
            var fresh = "whsec_" + IntegrationTokens.Generate();
            secrets.Add(new GeneratedSecret(webhook.Id, fresh));
            return webhook with { Secret = fresh };
        }).ToList();
        var stored = config with { Integrations = integrations, OutgoingWebhooks = webhooks };

        var entity = new TableEntity(config.Id, ConfigRow) { ["UpdatedAt"] = time.GetUtcNow() };
        ChunkedProperty.Write(entity, "Document", AccountConfigSerializer.ToStoredJson(stored));
        try
        {
            if (existing is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException conflict) when (conflict.IsConflict())
        {
            throw new ConcurrencyConflictException($"Account {config.Id} was saved by another writer at the same time", conflict);
        }
        Remember(stored);
        foreach (var handler in savedHandlers ?? [])
        {
            await handler.SavedAsync(previous, stored, cancellationToken).ConfigureAwait(false);
        }
        return new SavedAccount(generated, secrets);
    }

    private async Task<TableEntity?> ReadAsync(string accountId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, ConfigRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }
}

/// <summary>What a save generated: integration tokens and outgoing webhooks' signing secrets, each shown once.</summary>
public sealed record SavedAccount(IReadOnlyList<GeneratedToken> Tokens, IReadOnlyList<GeneratedSecret> Secrets);

/// <summary>A signing secret Klaxon generated for a new outgoing webhook; shown once in the PUT response.</summary>
public sealed record GeneratedSecret(string WebhookId, string Secret);

/// <summary>A token Klaxon generated for a new integration; shown once in the PUT response.</summary>
public sealed record GeneratedToken(string IntegrationId, string Token);
