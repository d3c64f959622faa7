using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Klaxon.Incidents;

/// <summary>
/// Hands out per-account incident numbers. Uniqueness is enforced by storage, not here: a new incident row is inserted
/// (never upserted) in the commit batch, so two instances picking the same number cannot both succeed; the loser calls
/// <see cref="Refresh"/> and retries. Within one instance numbers come from a local counter so concurrent applies do
/// not collide; a failed commit can leave a gap in the numbering.
/// </summary>
public sealed class IncidentNumbers(TableClient incidents)
{
    private readonly ConcurrentDictionary<string, Counter> _next = new(StringComparer.Ordinal);

    /// <summary>Returns an allocator for one decision; it reads the highest stored number at most once per account.</summary>
    public async Task<Func<long>> AllocatorAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!_next.TryGetValue(accountId, out var counter))
        {
            var highest = await HighestAsync(accountId, cancellationToken).ConfigureAwait(false);
            counter = _next.GetOrAdd(accountId, _ => new Counter(highest));
        }
        return counter.Next;
    }

    /// <summary>Forgets the local counter after a number collision, so the next allocation starts past the stored maximum.</summary>
    public void Refresh(string accountId) => _next.TryRemove(accountId, out _);

    private async Task<long> HighestAsync(string accountId, CancellationToken cancellationToken)
    {
        // Incident rows are keyed by inverted number, so the first row of the range is the newest.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {IncidentRows.IncidentRangeStart} and RowKey lt {IncidentRows.IncidentRangeEnd}");
        await foreach (var page in incidents.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken)
            .AsPages().ConfigureAwait(false))
        {
            return page.Values.Count > 0 ? IncidentRows.NumberFromIncidentRow(page.Values[0].RowKey) : 0;
        }
        return 0;
    }

    private sealed class Counter(long last)
    {
        private long _last = last;

        public long Next() => Interlocked.Increment(ref _last);
    }
}
