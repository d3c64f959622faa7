using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Klaxon.Notifications.Contacts;

/// <summary>
/// Read-modify-write of one row of the contacts table, conditional on its ETag. A flood of pages to one phone all
/// update that phone's rows; with optimistic concurrency alone, a queue batch of them would keep invalidating each
/// other's ETags until some gave up. So within this instance they take turns per row, and ETag conflicts, which then
/// only happen between instances, are retried after a jittered pause.
/// </summary>
internal sealed class ContactRows(TableClient table)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <param name="decide">
    /// Given the stored row (null when there is none), the row to write (null to write nothing) and the result.
    /// Called again with the newer row after a conflict.
    /// </param>
    /// <param name="maxConflicts">Conflicts retried before the last one is thrown.</param>
    public async Task<T> UpdateAsync<T>(
        string partition, string row, int maxConflicts, Func<TableEntity?, (TableEntity? Write, T Result)> decide, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(partition + "/" + row, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
                var stored = existing.HasValue ? existing.Value : null;
                var (write, result) = decide(stored);
                if (write is null)
                {
                    return result;
                }
                try
                {
                    if (stored is null)
                    {
                        await table.AddEntityAsync(write, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await table.UpdateEntityAsync(write, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }
                    return result;
                }
                catch (RequestFailedException conflict) when (conflict.Status is 409 or 412 && attempt < maxConflicts)
                {
                    // Another instance changed the row first: decide again on what it wrote, after a pause of up to
                    // 10 ms × 2^attempt (at most 1 s).
                    var pause = Random.Shared.NextDouble() * Math.Min(1000, 10 * Math.Pow(2, Math.Min(attempt, 10)));
                    await Task.Delay(TimeSpan.FromMilliseconds(pause), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
