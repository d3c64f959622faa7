namespace Klaxon.Notifications;

/// <summary>
/// Acts on one notification job. The escalation and channel issues replace the default <see cref="OutboxDispatcher"/>;
/// implementations must be idempotent per <see cref="NotificationJob.JobId"/> because jobs can be delivered twice.
/// </summary>
public interface INotificationDispatcher
{
    Task DispatchAsync(NotificationJob job, CancellationToken cancellationToken);
}
