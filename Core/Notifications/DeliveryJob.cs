using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Notifications;

/// <summary>
/// A message on the notifications queue that sends something to one user on one channel: a page, or a summary of held
/// pages. A transient provider failure puts it back on the queue with <see cref="Attempt"/> one higher.
/// </summary>
/// <param name="At">When it was due (for pages: when the escalation step was due).</param>
/// <param name="Attempt">How many times it went back on the queue after its provider failed transiently; 0 at first.</param>
public abstract record DeliveryJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    string RequestId,
    string UserId,
    NotificationChannel Channel,
    int Attempt) : INotificationMessage
{
    public abstract NotificationKind Kind { get; }
}

/// <summary>Contact <see cref="DeliveryJob.UserId"/> on <see cref="DeliveryJob.Channel"/> now about one incident (escalation's order).</summary>
/// <param name="JobId">The escalation page id (<c>{account}:{number}:{iteration}:{layer}:{user}:{step}</c>).</param>
/// <param name="TeamId">The team whose policy paged, for the logs.</param>
public sealed record PageJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    string RequestId,
    string? TeamId,
    string UserId,
    NotificationChannel Channel,
    int Attempt = 0) : DeliveryJob(JobId, At, AccountId, IncidentNumber, RequestId, UserId, Channel, Attempt)
{
    public override NotificationKind Kind => NotificationKind.Page;
}

/// <summary>Send the pages throttling held back for the phone <paramref name="Address"/> as one summary.</summary>
/// <param name="IncidentNumber">The incident of the page that scheduled the summary (the summary may cover more).</param>
public sealed record BundleJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    string RequestId,
    string UserId,
    NotificationChannel Channel,
    string Address,
    int Attempt = 0) : DeliveryJob(JobId, At, AccountId, IncidentNumber, RequestId, UserId, Channel, Attempt)
{
    public override NotificationKind Kind => NotificationKind.Bundle;
}
