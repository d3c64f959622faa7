using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>An incident as the management API shows it.</summary>
public sealed record Incident
{
    /// <summary>Short per-account number for people (<c>#42</c>).</summary>
    public required long Number { get; init; }

    /// <summary>Stable, globally unique id.</summary>
    public required string Id { get; init; }

    /// <summary>The sender's <c>Id</c> the incident was deduplicated on (within its integration).</summary>
    public required string DedupKey { get; init; }

    public required string IntegrationId { get; init; }

    public string? TeamId { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required Urgency Urgency { get; init; }

    public required IncidentStatus Status { get; init; }

    public required int AlertCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    /// <summary>The channel the acknowledge came through: <c>api</c>, <c>webhook</c>, <c>sms</c>, <c>voice</c>, <c>email</c> or <c>push</c>.</summary>
    public string? AcknowledgedVia { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }

    /// <summary>The channel the resolve came through.</summary>
    public string? ResolvedVia { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public JsonObject Details { get; init; } = [];

    /// <summary>Only on the single-incident read.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TimelineEntry>? Timeline { get; init; }
}

/// <summary>One line of an incident's history as the API shows it.</summary>
/// <param name="At">When the event behind it was received (or when it happened, for Klaxon's own entries).</param>
/// <param name="RecordedAt">When Klaxon wrote it down.</param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string Kind,
    string Message,
    string Source,
    string Actor,
    string? RequestId);
