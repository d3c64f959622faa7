using Klaxon.Common;

namespace Klaxon.Notifications;

/// <summary>
/// Acts on one message from the notifications queue (default: <c>NotificationRouter</c> in the composition root, which
/// hands incident changes to escalation and jobs to delivery). Implementations must be idempotent per
/// <see cref="INotificationMessage.JobId"/> because messages can be delivered twice.
/// </summary>
public interface INotificationDispatcher
{
    Task DispatchAsync(INotificationMessage message, CancellationToken cancellationToken);
}
