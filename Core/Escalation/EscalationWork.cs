namespace Klaxon.Escalation;

/// <summary>What a message on the escalations queue asks for.</summary>
public enum EscalationWorkKind
{
    /// <summary>From the timer's sweep: a step or layer came due.</summary>
    Due,

    /// <summary>From the management API: move to the next layer now.</summary>
    Escalate,

    /// <summary>From the timer's sweep: a heartbeat's deadline came (handled by whoever implements <c>IHeartbeatDeadlines</c>).</summary>
    HeartbeatDue,
}

/// <summary>A message on the escalations queue: advance an incident whose escalation came due, or escalate it now.</summary>
/// <param name="RequestedBy">For <see cref="EscalationWorkKind.Escalate"/>: the user who asked.</param>
/// <param name="HeartbeatId">For <see cref="EscalationWorkKind.HeartbeatDue"/>: the heartbeat integration.</param>
public sealed record EscalationWork(
    EscalationWorkKind Kind, string AccountId, long IncidentNumber, DateTimeOffset? DueAt = null, string? RequestedBy = null, string? HeartbeatId = null)
{
    public static EscalationWork Due(DueItem item) => item.HeartbeatId is { } heartbeat
        ? new(EscalationWorkKind.HeartbeatDue, item.AccountId, 0, item.DueAt, HeartbeatId: heartbeat)
        : new(EscalationWorkKind.Due, item.AccountId, item.IncidentNumber, item.DueAt);
}
