namespace Klaxon.Notifications;

/// <summary>
/// Acts on one notification job (default: <see cref="NotificationRouter"/>);
/// implementations must be idempotent per <see cref="NotificationJob.JobId"/> because jobs can be delivered twice.
/// </summary>
public interface INotificationDispatcher
{
    Task DispatchAsync(NotificationJob job, CancellationToken cancellationToken);
}
