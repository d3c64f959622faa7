using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>A validated incoming webhook (PagerTree-compatible).</summary>
/// <param name="EventType">What to do with the incident.</param>
/// <param name="Id">
/// The sender's key for the incident, exactly as sent (not trimmed; a number as its JSON text); 1–255 chars. Generated
/// when a create left it out (see <paramref name="IdGenerated"/>).
/// </param>
/// <param name="Title">Short summary. Always set for <see cref="WebhookEventType.Create"/>; otherwise null when absent or blank.</param>
/// <param name="Description">Long text. Always set for <see cref="WebhookEventType.Create"/> (empty when absent); otherwise null when absent or blank.</param>
/// <param name="Urgency">Overrides the integration's default urgency when set.</param>
/// <param name="Tags">Distinct tags (case-sensitive), in first-seen order; empty when none were sent.</param>
/// <param name="Details">Every property the parser does not know, with original names and values, in body order.</param>
/// <param name="IdGenerated">True when the sender sent no <c>Id</c> and one was generated; it is answered in the 202.</param>
public sealed record WebhookEvent(
    WebhookEventType EventType,
    string Id,
    string? Title,
    string? Description,
    Urgency? Urgency,
    IReadOnlyList<string> Tags,
    JsonObject Details,
    bool IdGenerated = false);
