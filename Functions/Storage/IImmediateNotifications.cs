using Klaxon.Common;

namespace Klaxon.Storage;

/// <summary>
/// Runs a notification message now, in the invocation that produced it, with the same handler the notifications queue's
/// trigger would run (registered by the composition root; see <see cref="NotificationQueue.PublishAsync"/>).
/// </summary>
public interface IImmediateNotifications
{
    /// <summary>
    /// True when the message was handled; false when it was not (inline dispatch is off, or the handler failed, which is
    /// logged): the caller then queues it. Cancellation is thrown, not answered false.
    /// </summary>
    Task<bool> TryDispatchAsync(INotificationMessage message, CancellationToken cancellationToken);
}
