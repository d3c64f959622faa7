namespace Klaxon.Escalation;

/// <summary>
/// Moves unacknowledged incidents through their escalation policy. Called by the timer on every tick. The on-call issue
/// supplies the real implementation; until then <see cref="NoEscalationSweeper"/> is registered.
/// </summary>
public interface IEscalationSweeper
{
    /// <param name="isPastDue">The host reports the tick as late (missed ticks or downtime).</param>
    Task SweepAsync(bool isPastDue, CancellationToken cancellationToken);
}

/// <summary>No escalation policies are evaluated yet: the outbox records pages when incidents open.</summary>
public sealed class NoEscalationSweeper : IEscalationSweeper
{
    public Task SweepAsync(bool isPastDue, CancellationToken cancellationToken) => Task.CompletedTask;
}
