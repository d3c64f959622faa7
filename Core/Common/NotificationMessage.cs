namespace Klaxon.Common;

/// <summary>What a message on the notifications queue asks for; its wire name is the message's <c>kind</c>.</summary>
public enum NotificationKind
{
    /// <summary>An incident opened: start its escalation (<c>IncidentSignalJob</c>).</summary>
    Triggered,

    /// <summary>An incident was acknowledged: stop its escalation (<c>IncidentSignalJob</c>).</summary>
    Acknowledged,

    /// <summary>An incident was resolved: stop its escalation (<c>IncidentSignalJob</c>).</summary>
    Resolved,

    /// <summary>Contact one user on one channel now (<c>PageJob</c>).</summary>
    Page,

    /// <summary>Send the pages throttling held back for one phone as one summary (<c>BundleJob</c>).</summary>
    Bundle,
}

/// <summary>
/// A message on the notifications queue. Incidents announce changes there, escalation orders pages there and throttling
/// schedules summaries there, so the contract lives in the shared kernel rather than in one of those features. Queues
/// deliver at least once: whoever acts on a message is idempotent per <see cref="JobId"/>.
/// </summary>
public interface INotificationMessage
{
    NotificationKind Kind { get; }

    /// <summary>Deterministic, so a message published twice is recognised as one.</summary>
    string JobId { get; }

    string AccountId { get; }

    /// <summary>The request that led to it, for following one incident through the logs.</summary>
    string RequestId { get; }
}
