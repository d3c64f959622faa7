namespace Klaxon.Incidents;

/// <summary>
/// Hears about incident events (opened, alert added, acknowledged, resolved, reopened, escalated, note added) for
/// outgoing webhooks and chat posts. Owned here and implemented by the Outgoing feature (wired in Hosting), so the
/// features that commit the facts need not know who listens. Called before the commit that records the facts: a failure
/// fails the commit's attempt, so no committed fact goes unannounced, and a listener must drop notices whose timeline
/// line was never committed.
/// </summary>
public interface IIncidentEventPublisher
{
    /// <summary>Queues the notices (nothing slow: no HTTP); returns once they are durable.</summary>
    Task PublishAsync(IReadOnlyList<IncidentEventNotice> notices, CancellationToken cancellationToken);
}
