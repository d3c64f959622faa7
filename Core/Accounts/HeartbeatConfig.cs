namespace Klaxon.Accounts;

/// <summary>What a <see cref="IntegrationType.Heartbeat"/> integration expects of its sender.</summary>
/// <param name="Interval">How often the sender checks in; required, at least <see cref="MinInterval"/>.</param>
/// <param name="Grace">Extra time allowed after the interval before the heartbeat counts as missed; default zero.</param>
public sealed record HeartbeatConfig(IsoDuration Interval, IsoDuration Grace)
{
    /// <summary>Shortest interval: the sweep runs every 15 seconds by default, so shorter would page on noise.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long after a check-in (or after the clock started) the heartbeat counts as missed.</summary>
    public TimeSpan Deadline => Interval.ApproximateTimeSpan + Grace.ApproximateTimeSpan;
}
