using Klaxon.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications;

/// <summary>Queue-triggered: reads each message of the notifications queue as its kind and hands it to the configured dispatcher.</summary>
public sealed class NotificationFunction(INotificationDispatcher dispatcher)
{
    [Function("DispatchNotification")]
    public Task Run(
        [QueueTrigger(StorageNames.NotificationsQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(NotificationMessages.Read(message), cancellationToken);
}
