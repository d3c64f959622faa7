using Klaxon.Escalation;
using Klaxon.Notifications.Throttling;

namespace Klaxon.Notifications;

/// <summary>
/// Routes notification jobs: an opened incident starts its escalation, an acknowledged or resolved one stops it, and
/// pages go to the configured <see cref="IPageSender"/>.
/// </summary>
public sealed class NotificationRouter(EscalationRunner escalation, IPageSender pages, HeldPageFlusher bundles) : INotificationDispatcher
{
    public Task DispatchAsync(NotificationJob job, CancellationToken cancellationToken) => job.Kind switch
    {
        NotificationJob.Triggered => escalation.StartAsync(job, cancellationToken),
        NotificationJob.Acknowledged or NotificationJob.Resolved => escalation.StopAsync(job, cancellationToken),
        NotificationJob.Page => pages.SendAsync(job, cancellationToken),
        NotificationJob.Bundle => bundles.FlushAsync(job, cancellationToken),
        _ => throw new InvalidDataException($"Unknown notification job kind '{job.Kind}'."),
    };
}
