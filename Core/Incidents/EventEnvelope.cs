using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Incidents;

namespace Klaxon.Incidents;

/// <summary>
/// An accepted event as it travels on the events queue: everything needed to apply it (and to replay it from the
/// poison queue) without looking anything else up. Webhook events carry the integration's team and effective urgency
/// as they were when the event was accepted.
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>Message format version, for replaying old poison messages after an upgrade.</summary>
    public int V { get; init; } = 1;

    /// <summary>The request id answered to the sender; unique per event and the key of exactly-once application.</summary>
    public required string EventId { get; init; }

    public required string AccountId { get; init; }

    /// <summary><c>webhook</c> or <c>api</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The integration's name for webhooks, the user id for API actions.</summary>
    public required string Actor { get; init; }

    public required IncidentActionKind Action { get; init; }

    /// <summary>When the endpoint received the event; incident state follows this order, not dequeue order.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The integration the event came through (webhooks; for API actions, the incident's integration).</summary>
    public string? IntegrationId { get; init; }

    public string? IntegrationName { get; init; }

    public string? TeamId { get; init; }

    /// <summary>The sender's <c>Id</c>: with the account and integration, the dedup key.</summary>
    public string? AlertId { get; init; }

    /// <summary>For API actions: the incident number acted on.</summary>
    public long? IncidentNumber { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Effective urgency (the event's, else the integration's).</summary>
    public Urgency? Urgency { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public JsonObject? Details { get; init; }

    /// <summary>
    /// Set on a pointer message when the event was too large for a queue message: the full envelope is stored in the
    /// incidents table under this row key (claim check) and deleted when the event is applied.
    /// </summary>
    public string? PayloadRow { get; init; }
}
