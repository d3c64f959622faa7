using Klaxon.Accounts;

namespace Klaxon.OnCall;

/// <summary>
/// The turns of one rotation. Turn <c>k</c> (from 0) belongs to <c>Users[k mod n]</c> and starts at handoff
/// <c>k</c>: the local wall-clock time <c>Start + k × Length.Days</c> converted to an instant by
/// <see cref="ZoneClock"/>'s rules, plus <c>k × Length.Time</c> of exact elapsed time. So <c>P1D</c> hands over at
/// the same local time every day (23 or 25 hours across DST) while <c>PT24H</c> is always 24 hours.
/// </summary>
internal static class RotationTurns
{
    /// <summary>When turn <paramref name="turn"/> starts; <see cref="DateTimeOffset.MaxValue"/> past the representable range.</summary>
    public static DateTimeOffset Handoff(RotationConfig rotation, ZoneClock clock, long turn)
    {
        var localTicks = rotation.Start.Ticks + (Int128)turn * rotation.Length.Days * TimeSpan.TicksPerDay;
        if (localTicks > DateTime.MaxValue.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }
        var wallClock = clock.ToInstant(new DateTime((long)localTicks, DateTimeKind.Unspecified));
        var ticks = wallClock.UtcTicks + (Int128)turn * rotation.Length.Time.Ticks;
        return ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : ZoneClock.Instant((long)ticks);
    }

    /// <summary>The turn in progress at <paramref name="at"/> (the last handoff at or before it), or -1 before the first handoff.</summary>
    public static long TurnAt(RotationConfig rotation, ZoneClock clock, DateTimeOffset at)
    {
        var first = Handoff(rotation, clock, 0);
        if (at < first)
        {
            return -1;
        }
        // Estimate with days counted as 24 h, then correct. DST moves a handoff by at most a few hours, which is less
        // than one turn whenever the length has a day in it (and exactly nothing when it has not), so the loops below
        // run at most a couple of times: OnCallAt stays O(1) however long ago the rotation started.
        var turn = (at.UtcTicks - first.UtcTicks) / rotation.Length.ApproximateTimeSpan.Ticks;
        while (turn > 0 && Handoff(rotation, clock, turn) > at)
        {
            turn--;
        }
        while (Handoff(rotation, clock, turn + 1) <= at)
        {
            turn++;
        }
        return turn;
    }

    /// <summary>Whose turn <paramref name="turn"/> is.</summary>
    public static string UserOf(RotationConfig rotation, long turn) => rotation.Users[(int)(turn % rotation.Users.Count)];
}
