namespace Klaxon.Escalation;

/// <summary>An incident whose escalation needs attention at <see cref="DueAt"/>.</summary>
public sealed record DueItem(string AccountId, long IncidentNumber, DateTimeOffset DueAt);
