namespace Klaxon.Incidents;

/// <summary>What an event asks of incident state.</summary>
public enum IncidentActionKind
{
    Create,
    Acknowledge,
    Resolve,
}

/// <summary>
/// One event as the incident state machine sees it: what to do, where it sits in the order of receipt, and who did it.
/// </summary>
/// <param name="Kind">Create, acknowledge or resolve.</param>
/// <param name="Order">Receipt time and event id.</param>
/// <param name="Source">Where it came from, for the timeline: <c>webhook</c>, <c>api</c>, later <c>sms</c>, <c>voice</c>...</param>
/// <param name="Actor">Who did it: a user id for people, the integration's name for webhooks.</param>
/// <param name="TargetNumber">Set when the action names an incident by number (management API) rather than by dedup key.</param>
public sealed record IncidentAction(
    IncidentActionKind Kind,
    EventOrder Order,
    string Source,
    string Actor,
    long? TargetNumber = null);
