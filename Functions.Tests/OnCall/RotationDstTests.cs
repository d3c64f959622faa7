using Klaxon.OnCall;
using Microsoft.Extensions.Time.Testing;
using static Klaxon.Tests.OnCall.Build;

namespace Klaxon.Tests.OnCall;

/// <summary>Handoffs across DST: calendar-day lengths keep the local time, exact lengths keep the elapsed time.</summary>
public class RotationDstTests
{
    [Fact]
    public void Daily_new_york_handoff_stays_at_nine_across_spring_forward_so_that_shift_is_23_hours()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T09:00", "P1D", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-07T12:00:00Z"), At("2026-03-09T20:00:00Z"));

        Assert.Equal(
            [
                "bob 2026-03-07 12:00..2026-03-07 14:00",   // turn 5, clipped to the window
                "alice 2026-03-07 14:00..2026-03-08 13:00", // 09:00 EST to 09:00 EDT
                "bob 2026-03-08 13:00..2026-03-09 13:00",
                "alice 2026-03-09 13:00..2026-03-09 20:00",
            ],
            shifts.Describe());
        Assert.Equal(TimeSpan.FromHours(23), shifts[1].End - shifts[1].Start);
        Assert.All(shifts.Skip(1), s => Assert.EndsWith("09:00", s.Start.Local(NewYork), StringComparison.Ordinal));
    }

    [Fact]
    public void Daily_new_york_handoff_stays_at_nine_across_fall_back_so_that_shift_is_25_hours()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T09:00", "P1D", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-10-31T13:00:00Z"), At("2026-11-02T14:00:00Z"));

        Assert.Equal(
            ["alice 2026-10-31 13:00..2026-11-01 14:00", "bob 2026-11-01 14:00..2026-11-02 14:00"],
            shifts.Describe());
        Assert.Equal(TimeSpan.FromHours(25), shifts[0].End - shifts[0].Start);
        Assert.Equal(["2026-10-31 09:00", "2026-11-01 09:00"], shifts.Select(s => s.Start.Local(NewYork)));
    }

    [Fact]
    public void Walking_the_clock_through_both_new_york_changes_sees_every_handoff_at_nine_local()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T09:00", "P1D", "alice", "bob", "carol"));
        foreach (var start in new[] { At("2026-03-06T00:00:00-05:00"), At("2026-10-30T00:00:00-04:00") })
        {
            var clock = new FakeTimeProvider(start);
            var changes = new List<string>();
            var current = schedule.OnCall(clock.GetUtcNow());
            for (var step = 0; step < 5 * 24 * 4; step++)
            {
                clock.Advance(TimeSpan.FromMinutes(15));
                var now = clock.GetUtcNow();
                if (schedule.OnCall(now) is var user && user != current)
                {
                    changes.Add(now.Local(NewYork)[11..]);
                    current = user;
                }
            }

            Assert.Equal(["09:00", "09:00", "09:00", "09:00", "09:00"], changes);
        }
    }

    [Fact]
    public void Twelve_hour_berlin_rotation_is_exact_elapsed_time_across_spring_forward()
    {
        var schedule = Schedule(Berlin, Rotation("2026-03-28T08:00", "PT12H", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-28T07:00:00Z"), At("2026-03-30T07:00:00Z"));

        Assert.Equal(
            [
                "alice 2026-03-28 07:00..2026-03-28 19:00",
                "bob 2026-03-28 19:00..2026-03-29 07:00",   // 20:00 CET to 09:00 CEST: 13 h on the wall clock, 12 elapsed
                "alice 2026-03-29 07:00..2026-03-29 19:00",
                "bob 2026-03-29 19:00..2026-03-30 07:00",
            ],
            shifts.Describe());
        Assert.All(shifts, s => Assert.Equal(TimeSpan.FromHours(12), s.End - s.Start));
        Assert.Equal("2026-03-29 09:00", shifts[2].Start.Local(Berlin));
    }

    [Fact]
    public void Twelve_hour_berlin_rotation_is_exact_elapsed_time_across_fall_back()
    {
        var schedule = Schedule(Berlin, Rotation("2026-10-24T08:00", "PT12H", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-10-24T06:00:00Z"), At("2026-10-26T06:00:00Z"));

        Assert.Equal(4, shifts.Count);
        Assert.All(shifts, s => Assert.Equal(TimeSpan.FromHours(12), s.End - s.Start));
        Assert.Equal(["2026-10-24 08:00", "2026-10-24 20:00", "2026-10-25 07:00", "2026-10-25 19:00"], shifts.Select(s => s.Start.Local(Berlin)));
    }

    [Fact]
    public void Daily_berlin_handoff_stays_local_across_both_changes()
    {
        var schedule = Schedule(Berlin, Rotation("2026-01-01T09:00", "P1D", "alice", "bob"));

        var spring = ScheduleResolver.Shifts(schedule, At("2026-03-28T08:00:00Z"), At("2026-03-30T07:00:00Z"));
        var autumn = ScheduleResolver.Shifts(schedule, At("2026-10-24T07:00:00Z"), At("2026-10-26T08:00:00Z"));

        Assert.Equal([TimeSpan.FromHours(23), TimeSpan.FromHours(24)], spring.Select(s => s.End - s.Start));
        Assert.Equal([TimeSpan.FromHours(25), TimeSpan.FromHours(24)], autumn.Select(s => s.End - s.Start));
        Assert.All(spring.Concat(autumn), s => Assert.EndsWith("09:00", s.Start.Local(Berlin), StringComparison.Ordinal));
    }

    [Fact]
    public void Weekly_rotation_hands_over_on_monday_at_nine_in_both_zones_whatever_the_dst_change_in_between()
    {
        var newYork = Schedule(NewYork, Rotation("2026-03-02T09:00", "P7D", "alice", "bob", "carol"));
        var berlin = Schedule(Berlin, Rotation("2026-03-23T09:00", "P7D", "alice", "bob", "carol"));

        var spring = ScheduleResolver.Shifts(newYork, At("2026-03-02T14:00:00Z"), At("2026-03-16T13:00:00Z"));
        var autumn = ScheduleResolver.Shifts(newYork, At("2026-10-26T13:00:00Z"), At("2026-11-02T14:00:00Z"));
        var european = ScheduleResolver.Shifts(berlin, At("2026-03-23T08:00:00Z"), At("2026-04-06T07:00:00Z"));

        Assert.Equal(["alice 2026-03-02 14:00..2026-03-09 13:00", "bob 2026-03-09 13:00..2026-03-16 13:00"], spring.Describe());
        Assert.Equal(TimeSpan.FromHours(167), spring[0].End - spring[0].Start);
        // 2026-10-26 is turn 34 (34 mod 3 = 1).
        Assert.Equal(["bob 2026-10-26 13:00..2026-11-02 14:00"], autumn.Describe());
        Assert.Equal(TimeSpan.FromHours(169), autumn[0].End - autumn[0].Start);
        Assert.Equal(["alice 2026-03-23 08:00..2026-03-30 07:00", "bob 2026-03-30 07:00..2026-04-06 07:00"], european.Describe());
        Assert.All(spring.Concat(autumn).Select(s => s.Start.Local(NewYork)).Concat(european.Select(s => s.Start.Local(Berlin))),
            local => Assert.EndsWith("09:00", local, StringComparison.Ordinal));
    }

    [Fact]
    public void A_handoff_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T02:30", "P1D", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-07T07:30:00Z"), At("2026-03-09T06:30:00Z"));

        // 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT (07:30Z), 24 h after 02:30 EST the day before.
        Assert.Equal(["alice 2026-03-07 07:30..2026-03-08 07:30", "bob 2026-03-08 07:30..2026-03-09 06:30"], shifts.Describe());
        Assert.Equal("2026-03-08 03:30", shifts[1].Start.Local(NewYork));
    }

    [Fact]
    public void A_handoff_at_a_repeated_local_time_takes_the_first_occurrence()
    {
        var schedule = Schedule(NewYork, Rotation("2026-10-01T01:30", "P1D", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-10-31T05:30:00Z"), At("2026-11-02T06:30:00Z"));

        // 01:30 happens twice on 2026-11-01; the handoff is at the first, 01:30 EDT (05:30Z).
        Assert.Equal(["alice 2026-10-31 05:30..2026-11-01 05:30", "bob 2026-11-01 05:30..2026-11-02 06:30"], shifts.Describe());
        Assert.Equal(TimeSpan.FromHours(25), shifts[1].End - shifts[1].Start);
    }

    [Fact]
    public void A_length_with_days_and_hours_adds_calendar_days_then_exact_hours()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-07T09:00", "P1DT12H", "alice", "bob"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-07T14:00:00Z"), At("2026-03-10T14:00:00Z"));

        // Handoff 1: 09:00 local on 03-08 (13:00Z) plus 12 h; handoff 2: 09:00 local on 03-09 plus 24 h.
        Assert.Equal(["alice 2026-03-07 14:00..2026-03-09 01:00", "bob 2026-03-09 01:00..2026-03-10 13:00", "alice 2026-03-10 13:00..2026-03-10 14:00"], shifts.Describe());
    }

    [Fact]
    public void Before_its_start_a_rotation_is_empty()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T09:00", "P1D", "alice"));

        Assert.Empty(ScheduleResolver.OnCallAt(schedule, At("2026-03-01T13:59:59Z")));
        Assert.Equal(["alice"], ScheduleResolver.OnCallAt(schedule, At("2026-03-01T14:00:00Z")));
        Assert.Equal(["alice 2026-03-01 14:00..2026-03-03 00:00"], ScheduleResolver.Shifts(schedule, At("2026-02-01T00:00:00Z"), At("2026-03-03T00:00:00Z")).Describe());
    }

    [Fact]
    public void A_turn_far_in_the_future_is_found_directly()
    {
        var schedule = Schedule(NewYork, Rotation("2026-01-05T09:00", "P7D", "alice", "bob", "carol"));
        var at = At("2126-01-04T12:00:00Z");

        var weeks = (long)Math.Floor((at - At("2026-01-05T14:00:00Z")).TotalDays / 7);

        Assert.Equal([new[] { "alice", "bob", "carol" }[weeks % 3]], ScheduleResolver.OnCallAt(schedule, at));
    }
}
