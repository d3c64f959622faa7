using System.Text.Json;
using Klaxon.Common;
using Klaxon.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications;

/// <summary>Queue-triggered: hands each notification job to the configured dispatcher.</summary>
public sealed class NotificationFunction(INotificationDispatcher dispatcher)
{
    [Function("DispatchNotification")]
    public Task Run(
        [QueueTrigger(StorageNames.NotificationsQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<NotificationJob>(message, KlaxonJson.Options)
            ?? throw new InvalidDataException("Empty notification job.");
        return dispatcher.DispatchAsync(job, cancellationToken);
    }
}
