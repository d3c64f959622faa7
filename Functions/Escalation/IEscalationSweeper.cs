namespace Klaxon.Escalation;

/// <summary>
/// Called by the timer on every tick to hand escalation work that has come due to the escalations queue
/// (default: <see cref="DueSweeper"/>).
/// </summary>
public interface IEscalationSweeper
{
    /// <param name="isPastDue">The host reports the tick as late (missed ticks or downtime).</param>
    Task SweepAsync(bool isPastDue, CancellationToken cancellationToken);
}
