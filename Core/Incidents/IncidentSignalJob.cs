using System.Globalization;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// The message an applied event publishes when an incident opened, was acknowledged or was resolved: escalation starts
/// or stops on it. It carries the team and urgency of a new incident so escalation needs no extra read.
/// </summary>
/// <param name="JobId"><c>{requestId}:{number}:{kind}</c>: the same for every delivery and replay of the event.</param>
/// <param name="At">When the decision behind it was committed.</param>
/// <param name="Actor">Who acknowledged or resolved it; null for <see cref="IncidentSignalKind.Triggered"/>.</param>
/// <param name="Urgency">For <see cref="IncidentSignalKind.Triggered"/>: the incident's urgency.</param>
public sealed record IncidentSignalJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    IncidentSignalKind Kind,
    string? Actor,
    string RequestId,
    string? IntegrationId,
    string? TeamId,
    Urgency? Urgency = null) : INotificationMessage
{
    NotificationKind INotificationMessage.Kind => Kind switch
    {
        IncidentSignalKind.Triggered => NotificationKind.Triggered,
        IncidentSignalKind.Acknowledged => NotificationKind.Acknowledged,
        _ => NotificationKind.Resolved,
    };

    /// <summary>The change one signal of an applied event announces.</summary>
    public static IncidentSignalJob Of(EventEnvelope envelope, IncidentSignal signal, DateTimeOffset at) => new(
        string.Create(CultureInfo.InvariantCulture, $"{envelope.EventId}:{signal.Number}:{signal.Kind.ToWire()}"),
        at,
        envelope.AccountId,
        signal.Number,
        signal.Kind,
        signal.Actor,
        envelope.EventId,
        envelope.IntegrationId,
        envelope.TeamId,
        signal.Kind == IncidentSignalKind.Triggered ? envelope.Urgency : null);
}
