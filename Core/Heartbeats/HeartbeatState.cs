using System.Globalization;
using Klaxon.Accounts;

namespace Klaxon.Heartbeats;

/// <summary>
/// What Klaxon knows of one heartbeat integration: when its clock started (its configuration was saved new or
/// re-enabled), its last check-in, and whether its current deadline was missed (an incident is open for it).
/// </summary>
/// <param name="MissedAt">When the sweep found the deadline missed and opened an incident; null while on time.</param>
public sealed record HeartbeatState(DateTimeOffset ClockStartedAt, DateTimeOffset? LastCheckIn, DateTimeOffset? MissedAt)
{
    /// <summary>The last check-in, or the clock's start when there has been none.</summary>
    public DateTimeOffset Since => LastCheckIn ?? ClockStartedAt;

    /// <summary>When the heartbeat counts as missed: <see cref="Since"/> plus interval plus grace.</summary>
    public DateTimeOffset DeadlineFor(HeartbeatConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Since + config.Deadline;
    }
}

/// <summary>The texts of a missed heartbeat's incident.</summary>
public static class HeartbeatText
{
    /// <summary>The dedup key of every incident a heartbeat opens: one at a time per integration, as for any sender.</summary>
    public const string AlertId = "heartbeat";

    /// <summary><c>Heartbeat 'nightly-backup' missed: last check-in 2026-03-02 09:00:00Z</c> (or "no check-in since …").</summary>
    public static string Title(string name, HeartbeatState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.LastCheckIn is { } last
            ? $"Heartbeat '{name}' missed: last check-in {Instant(last)}"
            : $"Heartbeat '{name}' missed: no check-in since its clock started {Instant(state.ClockStartedAt)}";
    }

    public static string Description(HeartbeatConfig config, HeartbeatState state, DateTimeOffset foundAt)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        return $"Expected a check-in every {config.Interval} (grace {config.Grace}). " +
            $"Deadline {Instant(state.DeadlineFor(config))}; found missed {Instant(foundAt)}. The next check-in resolves this incident.";
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
