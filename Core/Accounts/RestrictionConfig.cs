namespace Klaxon.Accounts;

/// <summary>
/// A weekly window during which a rotation applies, in the schedule's time zone: on each of <paramref name="Days"/>
/// from <paramref name="Start"/> until <paramref name="End"/>.
/// </summary>
/// <param name="Days">
/// The days on which a window starts; the parser fills in all seven (Monday first) when the document leaves
/// <c>days</c> out. A window that crosses midnight belongs to the day it starts on, so <c>fri 22:00–06:00</c>
/// ends on Saturday morning.
/// </param>
/// <param name="Start">Local wall-clock start, whole minutes.</param>
/// <param name="End">
/// Local wall-clock end, whole minutes. At or before <paramref name="Start"/> means the window crosses midnight
/// and ends the next day; equal to it means a whole day.
/// </param>
public sealed record RestrictionConfig(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    /// <summary>Monday to Sunday, the default for <see cref="Days"/>.</summary>
    public static IReadOnlyList<DayOfWeek> EveryDay { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>True when the window crosses midnight (including the whole-day window, where end equals start).</summary>
    public bool CrossesMidnight => End <= Start;

    public bool Equals(RestrictionConfig? other) =>
        other is not null
        && Structural.ListEquals(Days, other.Days)
        && Start == other.Start
        && End == other.End;

    public override int GetHashCode() => HashCode.Combine(Structural.ListHash(Days), Start, End);
}
