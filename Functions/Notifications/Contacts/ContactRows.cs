using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Notifications.Contacts;

/// <summary>
/// Read-modify-write of JSON documents kept one per row of the contacts table (a phone's recent pages, its throttles),
/// conditional on the row's ETag. A flood of pages to one phone all update that phone's rows; with optimistic
/// concurrency alone, a queue batch of them would keep invalidating each other's ETags until some gave up. So within
/// this instance (one shared <see cref="ContactRows"/>) they take turns per row, and ETag conflicts, which then only
/// happen between instances, are retried after a jittered pause (<see cref="ConflictBackoff.ExponentialJitter"/>, 10 ms
/// doubling up to 1 s, on the wall clock: it spaces out real writers).
/// </summary>
public sealed class ContactRows(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ContactsTable);
    private readonly Turns _turns = new();
    private static readonly Func<int, TimeSpan> Backoff = ConflictBackoff.ExponentialJitter(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

    /// <param name="property">The (chunked) property holding the document.</param>
    /// <param name="maxConflicts">Conflicts retried before giving up with a <see cref="ConcurrencyConflictException"/>.</param>
    /// <param name="decide">
    /// Given the stored document (null when there is none), the document to write (null to write nothing) and the
    /// result. Called again with the newer document after a conflict.
    /// </param>
    public async Task<T> UpdateAsync<TDoc, T>(
        string partition, string row, string property, int maxConflicts, Func<TDoc?, (TDoc? Write, T Result)> decide, CancellationToken cancellationToken)
        where TDoc : class
    {
        using (await _turns.TakeAsync(partition + "/" + row, cancellationToken).ConfigureAwait(false))
        {
            return await OptimisticConcurrency.RetryAsync($"Contact row {partition}/{row}", maxConflicts + 1, async (_, ct) =>
            {
                var stored = await ReadRowAsync(partition, row, ct).ConfigureAwait(false);
                var (write, result) = decide(stored is null ? null : Document<TDoc>(stored, property));
                if (write is null)
                {
                    return Attempt.Done(result);
                }
                var entity = new TableEntity(partition, row);
                ChunkedProperty.Write(entity, property, JsonSerializer.Serialize(write, KlaxonJson.Options));
                try
                {
                    if (stored is null)
                    {
                        await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await _table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                    }
                    return Attempt.Done(result);
                }
                catch (RequestFailedException conflict) when (conflict.IsConflict())
                {
                    // Another instance changed the row first: decide again on what it wrote.
                    return Attempt<T>.Conflict;
                }
            }, cancellationToken, Backoff).ConfigureAwait(false);
        }
    }

    /// <summary>The stored document, or null when there is none.</summary>
    public async Task<TDoc?> ReadAsync<TDoc>(string partition, string row, string property, CancellationToken cancellationToken)
        where TDoc : class
    {
        var stored = await ReadRowAsync(partition, row, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Document<TDoc>(stored, property);
    }

    private async Task<TableEntity?> ReadRowAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return existing.HasValue ? existing.Value : null;
    }

    private static TDoc? Document<TDoc>(TableEntity entity, string property) where TDoc : class =>
        ChunkedProperty.Read(entity, property) is { } json ? JsonSerializer.Deserialize<TDoc>(json, KlaxonJson.Options) : null;
}
