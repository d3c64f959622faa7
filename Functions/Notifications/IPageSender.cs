namespace Klaxon.Notifications;

/// <summary>
/// Contacts one user about one incident on one channel (default: <see cref="Delivery.PageDelivery"/>, which sends
/// through the channel's provider, or records in the outbox when none is configured). Implementations must send a
/// given <see cref="PageJob"/> (by its job id) at most once and must not page for an incident that is no longer open.
/// </summary>
public interface IPageSender
{
    Task SendAsync(PageJob page, CancellationToken cancellationToken);
}
