namespace Klaxon.Notifications;

/// <summary>
/// Contacts one user about one incident on one channel. The channels issue supplies real senders (SMS, voice, email,
/// push); until then <see cref="OutboxPageSender"/> records what would be sent. Implementations must send a given
/// <see cref="NotificationJob.JobId"/> at most once and must not page for an incident that is no longer open.
/// </summary>
public interface IPageSender
{
    Task SendAsync(NotificationJob page, CancellationToken cancellationToken);
}
