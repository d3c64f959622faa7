namespace Klaxon.Escalation;

/// <summary>
/// Something that needs attention at <see cref="DueAt"/>: an incident's escalation, or, when
/// <see cref="HeartbeatId"/> is set, a heartbeat integration's deadline (then <see cref="IncidentNumber"/> is 0). One
/// due index and one sweep serve both, so the cost of a sweep follows what is due, not how many heartbeats exist.
/// </summary>
/// <param name="HeartbeatId">The heartbeat integration's id; null for escalation items.</param>
public sealed record DueItem(string AccountId, long IncidentNumber, DateTimeOffset DueAt, string? HeartbeatId = null)
{
    /// <summary>A heartbeat's deadline.</summary>
    public static DueItem ForHeartbeat(string accountId, string heartbeatId, DateTimeOffset dueAt) => new(accountId, 0, dueAt, heartbeatId);
}
