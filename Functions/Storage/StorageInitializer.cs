using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klaxon.Storage;

/// <summary>
/// Creates the tables and queues at start-up (in Azure the Bicep template creates them too; creating is idempotent).
/// Runs in the background and retries, so a slow storage account delays accepting webhooks rather than crashing the worker.
/// </summary>
public sealed partial class StorageInitializer(TableServiceClient tables, QueueServiceClient queues, ILogger<StorageInitializer> logger) : BackgroundService
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { StorageNames.AccountsTable, StorageNames.IncidentsTable, StorageNames.DueTable, StorageNames.ContactsTable, StorageNames.CredentialsTable, StorageNames.OutgoingTable })
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }
        foreach (var queue in new[] { StorageNames.EventsQueue, StorageNames.NotificationsQueue, StorageNames.EscalationsQueue, StorageNames.OutgoingQueue })
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await queues.GetQueueClient(StorageNames.PoisonQueueFor(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(1); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks)))
        {
            try
            {
                await EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogRetry(failure.Message, delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create Klaxon's tables and queues ({Reason}); retrying in {Delay}")]
    private partial void LogRetry(string reason, TimeSpan delay);
}
