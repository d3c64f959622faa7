using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications;

/// <summary>Queue-triggered: reads each message of the notifications queue as its kind and hands it to the configured dispatcher.</summary>
public sealed class NotificationFunction(INotificationDispatcher dispatcher)
{
    [Function("DispatchNotification")]
    public async Task Run(
        [QueueTrigger(StorageNames.NotificationsQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken)
    {
        using var trace = MessageTrace.Resume(message);
        await dispatcher.DispatchAsync(NotificationMessages.Read(message), cancellationToken).ConfigureAwait(false);
    }
}
