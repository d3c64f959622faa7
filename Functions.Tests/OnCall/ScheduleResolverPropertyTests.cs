using FsCheck.Xunit;
using Klaxon.OnCall;

namespace Klaxon.Tests.OnCall;

/// <summary>
/// Invariants over random schedules (rotations of any length with restrictions and overrides, in zones with odd DST
/// rules): shifts never overlap and cover exactly the covered time, overrides win, and the window's edges change nothing.
/// </summary>
[Properties(Arbitrary = [typeof(ScheduleCases)], MaxTest = 300)]
public class ScheduleResolverPropertyTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Property]
    public void Shifts_are_ordered_disjoint_merged_and_inside_the_window(ScheduleCase @case)
    {
        var shifts = @case.Shifts();

        for (var i = 0; i < shifts.Count; i++)
        {
            Assert.True(shifts[i].Start < shifts[i].End, $"empty shift {shifts[i]}");
            Assert.True(shifts[i].Start >= @case.From && shifts[i].End <= @case.To, $"{shifts[i]} is outside the window");
            if (i > 0)
            {
                Assert.True(shifts[i - 1].End <= shifts[i].Start, $"{shifts[i - 1]} overlaps {shifts[i]}");
                Assert.False(shifts[i - 1].End == shifts[i].Start && shifts[i - 1].User == shifts[i].User, $"{shifts[i - 1]} and {shifts[i]} are not merged");
            }
        }
    }

    [Property]
    public void Two_adjacent_windows_give_the_same_shifts_as_one(ScheduleCase @case)
    {
        var split = @case.Inside(@case.Split);

        var joined = Merge(ScheduleResolver.Shifts(@case.Schedule, @case.From, split).Concat(ScheduleResolver.Shifts(@case.Schedule, split, @case.To)));

        Assert.Equal(@case.Shifts(), joined);
    }

    [Property]
    public void Every_instant_reports_the_user_of_the_shift_covering_it_and_nobody_between_shifts(ScheduleCase @case)
    {
        var shifts = @case.Shifts();
        // The edges of every shift and gap, where an off-by-one would show, plus spread-out samples.
        var probes = shifts.SelectMany(s => new[] { s.Start, s.Start + (s.End - s.Start) / 2, s.End - Tick, s.End })
            .Concat(Enumerable.Range(0, 50).Select(i => @case.Inside(i / 50.0)))
            .Where(t => t >= @case.From && t < @case.To);

        foreach (var t in probes)
        {
            var covering = shifts.Where(s => s.Start <= t && t < s.End).Select(s => s.User).ToArray();
            Assert.True(covering.Length <= 1);
            Assert.True(covering.SequenceEqual(ScheduleResolver.OnCallAt(@case.Schedule, t)), $"at {t:O}: shifts say [{string.Join(",", covering)}], OnCallAt says [{string.Join(",", ScheduleResolver.OnCallAt(@case.Schedule, t))}]");
        }
    }

    [Property]
    public void Every_instant_of_an_override_shows_the_last_override_covering_it(ScheduleCase @case)
    {
        var shifts = @case.Shifts();
        foreach (var entry in @case.Schedule.Overrides)
        {
            foreach (var t in new[] { entry.Start, entry.Start + (entry.End - entry.Start) / 2, entry.End - Tick })
            {
                var winner = @case.Schedule.Overrides.Last(o => o.Start <= t && t < o.End).User;
                Assert.Equal([winner], ScheduleResolver.OnCallAt(@case.Schedule, t));
                if (t >= @case.From && t < @case.To)
                {
                    Assert.Equal(winner, Assert.Single(shifts, s => s.Start <= t && t < s.End).User);
                }
            }
        }
    }

    private static List<Shift> Merge(IEnumerable<Shift> shifts)
    {
        var merged = new List<Shift>();
        foreach (var shift in shifts)
        {
            if (merged.Count > 0 && merged[^1].End == shift.Start && merged[^1].User == shift.User)
            {
                merged[^1] = merged[^1] with { End = shift.End };
            }
            else
            {
                merged.Add(shift);
            }
        }
        return merged;
    }
}
