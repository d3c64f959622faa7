using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Incidents;
using Klaxon.Notifications;
using Klaxon.Notifications.Throttling;

namespace Klaxon.Hosting;

/// <summary>
/// Routes the notifications queue: an opened incident starts its escalation, an acknowledged or resolved one stops it,
/// pages go to the configured <see cref="IPageSender"/> and summaries to the throttle's flusher. It lives in the
/// composition root because it joins features that must not know each other: escalation publishes pages to
/// notifications, so notifications cannot call escalation back.
/// </summary>
public sealed class NotificationRouter(EscalationRunner escalation, IPageSender pages, HeldPageFlusher bundles) : INotificationDispatcher
{
    public Task DispatchAsync(INotificationMessage message, CancellationToken cancellationToken) => message switch
    {
        IncidentSignalJob { Kind: IncidentSignalKind.Triggered } change => escalation.StartAsync(change, cancellationToken),
        IncidentSignalJob change => escalation.StopAsync(change, cancellationToken),
        PageJob page => pages.SendAsync(page, cancellationToken),
        BundleJob bundle => bundles.FlushAsync(bundle, cancellationToken),
        _ => throw new InvalidDataException($"No handler for notification message {message.GetType().Name}."),
    };
}
