namespace Klaxon.Escalation;

/// <summary>
/// Handles heartbeat deadlines that the due sweep hands on (<see cref="EscalationWorkKind.HeartbeatDue"/>). Defined
/// here and implemented by the heartbeat feature, registered in the composition root: heartbeats use the due index and
/// sweep, so escalation must not depend on heartbeats.
/// </summary>
public interface IHeartbeatDeadlines
{
    /// <summary>The deadline of <paramref name="heartbeatId"/> came: open an incident if it really was missed.</summary>
    Task CheckAsync(string accountId, string heartbeatId, CancellationToken cancellationToken);
}
