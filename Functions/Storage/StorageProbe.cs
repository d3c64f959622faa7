using Azure;
using Azure.Data.Tables;

namespace Klaxon.Storage;

/// <summary>Whether Table storage answers at all: one point read of a row that need not exist.</summary>
public sealed class StorageProbe(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AccountsTable);

    /// <summary>
    /// True when storage answered within <paramref name="timeout"/>; false when it failed, timed out, or the caller
    /// gave up (<paramref name="cancellationToken"/>).
    /// </summary>
    public async Task<bool> AnswersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await _table.GetEntityIfExistsAsync<TableEntity>("health", "probe", select: ["RowKey"], cancellationToken: deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception failure) when (failure is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }
}
