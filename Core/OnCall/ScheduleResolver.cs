using Klaxon.Accounts;

namespace Klaxon.OnCall;

/// <summary>
/// Who is on call on a schedule: pure functions of the configuration and the instants asked about.
/// </summary>
/// <remarks>
/// <para>
/// Precedence, lowest first: the rotations in list order (a later rotation covers an earlier one wherever it
/// applies, like layers), then the overrides in list order (an override beats every rotation, and a later override
/// beats an earlier one where they overlap). A rotation applies at an instant when it has started (before its
/// <see cref="RotationConfig.Start"/> it is empty) and one of its restriction windows, if it has any, covers the
/// instant. Where nothing applies, nobody is on call.
/// </para>
/// <para>
/// Answers depend only on the instants, never on the window asked for: <see cref="Shifts"/> clips a shift that
/// crosses <c>from</c> or <c>to</c> to the window, so two adjacent windows give the same shifts as one window spanning
/// both, once a shift cut at the shared edge is joined again.
/// </para>
/// <para>
/// Turn <c>k</c> (from 0) of a rotation belongs to <c>Users[k mod n]</c> and starts at the local wall-clock time
/// <c>Start + k × Length.Days</c> in the schedule's zone, converted to an instant, plus <c>k × Length.Time</c> of
/// exact time: <c>P1D</c> hands over at the same local time every day (a 23 or 25 hour turn across DST), <c>PT24H</c>
/// every 24 hours. A local time the spring-forward gap skips moves forward by the gap (02:30 becomes 03:30); one the
/// fall-back repeats means its first occurrence. Restriction windows are local times converted the same way.
/// </para>
/// <para>
/// Instants before <see cref="MinInstant"/> or from <see cref="MaxInstant"/> on have nobody on call (local date
/// arithmetic would overflow there). Throws <see cref="TimeZoneNotFoundException"/> if the host no longer knows the
/// schedule's zone, which the parser checked when the configuration was saved.
/// </para>
/// </remarks>
public static class ScheduleResolver
{
    /// <summary>The earliest instant with an answer: three days after <see cref="DateTimeOffset.MinValue"/>.</summary>
    public static readonly DateTimeOffset MinInstant = DateTimeOffset.MinValue.AddDays(3);

    /// <summary>The end of the instants with an answer (exclusive): three days before <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static readonly DateTimeOffset MaxInstant = DateTimeOffset.MaxValue.AddDays(-3);

    /// <summary>
    /// The user ids on call at <paramref name="at"/>: one, or none when nothing applies. Cheap enough to call per
    /// escalation: it allocates only the answer, and its cost does not grow with how long ago rotations started.
    /// </summary>
    public static IReadOnlyList<string> OnCallAt(ScheduleConfig schedule, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (at < MinInstant || at >= MaxInstant)
        {
            return [];
        }
        for (var i = schedule.Overrides.Count - 1; i >= 0; i--)
        {
            var entry = schedule.Overrides[i];
            if (entry.Start <= at && at < entry.End)
            {
                return [entry.User];
            }
        }
        var clock = ZoneClock.For(schedule.TimeZone);
        for (var i = schedule.Rotations.Count - 1; i >= 0; i--)
        {
            var rotation = schedule.Rotations[i];
            if (!IsUsable(rotation))
            {
                continue;
            }
            var turn = RotationTurns.TurnAt(rotation, clock, at);
            if (turn >= 0 && RestrictionWindows.Contains(rotation.Restrictions, clock, at))
            {
                return [RotationTurns.UserOf(rotation, turn)];
            }
        }
        return [];
    }

    /// <summary>
    /// <see cref="OnCallAt(ScheduleConfig, DateTimeOffset)"/> for the account's schedule <paramref name="scheduleId"/>
    /// (case-sensitive); null when the account has no such schedule.
    /// </summary>
    public static IReadOnlyList<string>? OnCallAt(AccountConfig account, string scheduleId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.FindSchedule(scheduleId) is { } schedule ? OnCallAt(schedule, at) : null;
    }

    /// <summary>
    /// The resolved shifts between <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive), in time
    /// order, in UTC: no two overlap, consecutive shifts of the same user are merged into one, time when nobody is on
    /// call has no shift, and shifts crossing either edge are clipped to it. Empty when <paramref name="to"/> is not
    /// after <paramref name="from"/>. The work is proportional to the number of turns and restriction windows in the
    /// window, so callers bound its length.
    /// </summary>
    public static IReadOnlyList<Shift> Shifts(ScheduleConfig schedule, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        from = (from < MinInstant ? MinInstant : from).ToUniversalTime();
        to = (to > MaxInstant ? MaxInstant : to).ToUniversalTime();
        if (to <= from)
        {
            return [];
        }

        // Lowest precedence first: rotations in order, then each override as a layer of its own.
        var clock = ZoneClock.For(schedule.TimeZone);
        var layers = new List<List<Shift>>(schedule.Rotations.Count + schedule.Overrides.Count);
        foreach (var rotation in schedule.Rotations)
        {
            if (IsUsable(rotation))
            {
                layers.Add(RotationShifts(rotation, clock, from, to));
            }
        }
        foreach (var entry in schedule.Overrides)
        {
            var start = entry.Start < from ? from : entry.Start.ToUniversalTime();
            var end = entry.End > to ? to : entry.End.ToUniversalTime();
            if (start < end)
            {
                layers.Add([new Shift(entry.User, start, end)]);
            }
        }
        return ShiftLayers.Flatten(layers);
    }

    /// <summary>The rotation's turns within the window, cut to its restriction windows, same-user neighbours merged.</summary>
    private static List<Shift> RotationShifts(RotationConfig rotation, ZoneClock clock, DateTimeOffset from, DateTimeOffset to)
    {
        var shifts = new List<Shift>();
        var windows = rotation.Restrictions.Count > 0 ? RestrictionWindows.Within(rotation.Restrictions, clock, from, to) : null;
        var nextWindow = 0;
        var turn = Math.Max(RotationTurns.TurnAt(rotation, clock, from), 0);
        for (var start = RotationTurns.Handoff(rotation, clock, turn); start < to; turn++)
        {
            var end = RotationTurns.Handoff(rotation, clock, turn + 1);
            var user = RotationTurns.UserOf(rotation, turn);
            var clippedStart = start < from ? from : start;
            var clippedEnd = end > to ? to : end;
            if (windows is null)
            {
                ShiftLayers.Append(shifts, new Shift(user, clippedStart, clippedEnd));
            }
            else
            {
                // Both lists are sorted, so the windows before this turn are never looked at again.
                while (nextWindow < windows.Count && windows[nextWindow].End <= clippedStart)
                {
                    nextWindow++;
                }
                for (var i = nextWindow; i < windows.Count && windows[i].Start < clippedEnd; i++)
                {
                    var pieceStart = windows[i].Start > clippedStart ? windows[i].Start : clippedStart;
                    var pieceEnd = windows[i].End < clippedEnd ? windows[i].End : clippedEnd;
                    ShiftLayers.Append(shifts, new Shift(user, pieceStart, pieceEnd));
                }
            }
            start = end;
        }
        return shifts;
    }

    /// <summary>
    /// A rotation the parser would accept has users and a positive length; stored documents are not re-validated, so a
    /// hand-edited one without either is skipped rather than dividing by zero.
    /// </summary>
    private static bool IsUsable(RotationConfig rotation) => rotation.Users.Count > 0 && !rotation.Length.IsZero;
}
