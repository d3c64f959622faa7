using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Klaxon.DevHost;

/// <summary>
/// Keeps a fetched message hidden while its function runs, as the Functions host does: the receive hides it for the
/// lease, and halfway to expiry the lease is renewed for another full lease. If the process dies, renewals stop and
/// the message reappears when the last lease runs out: that wait is what a crash costs an in-flight message.
/// </summary>
internal sealed class QueueMessageLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _popReceipt;

    private QueueMessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider time)
    {
        _popReceipt = message.PopReceipt;
        _renewing = RenewAsync(queue, message.MessageId, lease, time);
    }

    /// <summary>The receipt of the latest renewal, which the delete or release must use.</summary>
    public string PopReceipt => Volatile.Read(ref _popReceipt);

    /// <summary>True once a renewal failed: the message may already be visible again (the host carries on too).</summary>
    public bool Lost { get; private set; }

    public static QueueMessageLease Hold(QueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider time) =>
        new(queue, message, lease, time);

    private async Task RenewAsync(QueueClient queue, string messageId, TimeSpan lease, TimeProvider time)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 2, time, _stop.Token).ConfigureAwait(false);
                // Not cancelled by the function ending: a renewal cut off after the service applied it would leave a stale
                // receipt, and the delete would then fail and the message run again.
                var renewed = await queue.UpdateMessageAsync(messageId, PopReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None)
                    .ConfigureAwait(false);
                Volatile.Write(ref _popReceipt, renewed.Value.PopReceipt);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Azure.RequestFailedException)
        {
            Lost = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        _stop.Dispose();
    }
}
