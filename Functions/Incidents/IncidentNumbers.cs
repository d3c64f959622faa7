using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Klaxon.Incidents;

/// <summary>
/// Hands out per-account incident numbers. Uniqueness is enforced by storage, not here: a new incident row is inserted
/// (never upserted) in the commit batch, so two instances picking the same number cannot both succeed; the loser calls
/// <see cref="Refresh"/> and retries. Within one instance numbers come from a local counter so concurrent applies do
/// not collide. A decision that does not commit gives its numbers back (<see cref="NumberLease.Release"/>), so
/// benign conflicts leave no gaps; a gap remains only when another decision took a later number meanwhile.
/// </summary>
public sealed class IncidentNumbers(TableClient incidents)
{
    private readonly ConcurrentDictionary<string, Counter> _next = new(StringComparer.Ordinal);

    /// <summary>Numbers for one decision; reads the highest stored number at most once per account and instance.</summary>
    public async Task<NumberLease> LeaseAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!_next.TryGetValue(accountId, out var counter))
        {
            var highest = await HighestAsync(accountId, cancellationToken).ConfigureAwait(false);
            counter = _next.GetOrAdd(accountId, _ => new Counter(highest));
        }
        return new NumberLease(counter);
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

    internal sealed class Counter(long last)
    {
        private long _last = last;

        public long Next() => Interlocked.Increment(ref _last);

        /// <summary>Gives <paramref name="number"/> back if it is still the latest handed out.</summary>
        public void Return(long number) => Interlocked.CompareExchange(ref _last, number - 1, number);
    }
}

/// <summary>The numbers one decision took; give them back if the decision is not committed.</summary>
public sealed class NumberLease
{
    private readonly IncidentNumbers.Counter _counter;
    private readonly List<long> _taken = [];

    internal NumberLease(IncidentNumbers.Counter counter) => _counter = counter;

    public long Next()
    {
        var number = _counter.Next();
        _taken.Add(number);
        return number;
    }

    /// <summary>Returns the numbers, newest first, so an uncommitted decision leaves no gap in the numbering.</summary>
    public void Release()
    {
        for (var i = _taken.Count - 1; i >= 0; i--)
        {
            _counter.Return(_taken[i]);
        }
        _taken.Clear();
    }
}
