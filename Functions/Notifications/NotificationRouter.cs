using Klaxon.Escalation;

namespace Klaxon.Notifications;

/// <summary>
/// Routes notification jobs: an opened incident starts its escalation, an acknowledged or resolved one stops it, and
/// pages go to the configured <see cref="IPageSender"/>.
/// </summary>
public sealed class NotificationRouter(EscalationRunner escalation, IPageSender pages) : INotificationDispatcher
{
    public Task DispatchAsync(NotificationJob job, CancellationToken cancellationToken) => job.Kind switch
    {
        NotificationJob.Triggered => escalation.StartAsync(job, cancellationToken),
        NotificationJob.Acknowledged or NotificationJob.Resolved => escalation.StopAsync(job, cancellationToken),
        NotificationJob.Page => pages.SendAsync(job, cancellationToken),
        _ => throw new InvalidDataException($"Unknown notification job kind '{job.Kind}'."),
    };
}
