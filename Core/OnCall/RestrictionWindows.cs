using Klaxon.Accounts;

namespace Klaxon.OnCall;

/// <summary>
/// The instants a rotation's <see cref="RotationConfig.Restrictions"/> cover. Each window's local start and end are
/// converted with <see cref="ZoneClock"/>'s rules; a window that DST squeezes to nothing (both ends in a
/// spring-forward gap) is dropped that day. An empty restriction list covers everything.
/// </summary>
internal static class RestrictionWindows
{
    // A window starting on local date d lies within local [d 00:00, d+2 00:00). Looking two days back and one
    // ahead of an instant's local date covers that with room for odd zones whose DST changes at midnight, and
    // Contains and Within use the same range so they always agree.
    private const int DaysBack = 2;
    private const int DaysAhead = 1;

    /// <summary>True when a window covers <paramref name="at"/> (always, without restrictions).</summary>
    public static bool Contains(IReadOnlyList<RestrictionConfig> restrictions, ZoneClock clock, DateTimeOffset at)
    {
        if (restrictions.Count == 0)
        {
            return true;
        }
        var date = DateOnly.FromDateTime(clock.ToLocal(at));
        for (var day = date.AddDays(-DaysBack); day <= date.AddDays(DaysAhead); day = day.AddDays(1))
        {
            // Indexing rather than foreach: enumerating an IReadOnlyList allocates, and this runs on every escalation.
            for (var i = 0; i < restrictions.Count; i++)
            {
                if (Includes(restrictions[i].Days, day.DayOfWeek)
                    && Window(restrictions[i], clock, day) is var (start, end)
                    && start <= at && at < end)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The windows clipped to [<paramref name="from"/>, <paramref name="to"/>), sorted, with overlapping and touching
    /// ones merged. Callers pass a non-empty restriction list.
    /// </summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End)> Within(
        IReadOnlyList<RestrictionConfig> restrictions, ZoneClock clock, DateTimeOffset from, DateTimeOffset to)
    {
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        var last = DateOnly.FromDateTime(clock.ToLocal(to)).AddDays(DaysAhead);
        for (var day = DateOnly.FromDateTime(clock.ToLocal(from)).AddDays(-DaysBack); day <= last; day = day.AddDays(1))
        {
            foreach (var restriction in restrictions)
            {
                if (!Includes(restriction.Days, day.DayOfWeek))
                {
                    continue;
                }
                var (start, end) = Window(restriction, clock, day);
                start = start < from ? from : start;
                end = end > to ? to : end;
                if (start < end)
                {
                    windows.Add((start, end));
                }
            }
        }
        windows.Sort((a, b) => a.Start.CompareTo(b.Start));

        // Merge in place: the list is small (a few windows a day) and this keeps to one allocation.
        var merged = 0;
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            if (merged > 0 && window.Start <= windows[merged - 1].End)
            {
                var previous = windows[merged - 1];
                windows[merged - 1] = (previous.Start, window.End > previous.End ? window.End : previous.End);
            }
            else
            {
                windows[merged++] = window;
            }
        }
        windows.RemoveRange(merged, windows.Count - merged);
        return windows;
    }

    /// <summary>The window starting on local <paramref name="day"/>; possibly empty (end ≤ start) on a DST day.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Window(RestrictionConfig restriction, ZoneClock clock, DateOnly day)
    {
        var endDay = restriction.CrossesMidnight ? day.AddDays(1) : day;
        return (clock.ToInstant(day.ToDateTime(restriction.Start)), clock.ToInstant(endDay.ToDateTime(restriction.End)));
    }

    // Same reason for a loop rather than LINQ's Contains.
    private static bool Includes(IReadOnlyList<DayOfWeek> days, DayOfWeek day)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] == day)
            {
                return true;
            }
        }
        return false;
    }
}
