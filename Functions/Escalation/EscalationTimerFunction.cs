using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Escalation;

/// <summary>Timer-triggered on the NCRONTAB schedule in the <c>EscalationSchedule</c> app setting (default every 15 s).</summary>
public sealed class EscalationTimerFunction(IEscalationSweeper sweeper)
{
    /// <summary>The app setting holding the schedule; also read by DevHost.</summary>
    public const string ScheduleSetting = "EscalationSchedule";

    /// <summary>Used by DevHost when the setting is absent; Azure deployments set it explicitly.</summary>
    public const string DefaultSchedule = "*/15 * * * * *";

    [Function("Escalate")]
    public Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(timer.IsPastDue, cancellationToken);
}
