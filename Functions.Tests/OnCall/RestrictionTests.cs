using Klaxon.OnCall;
using static Klaxon.Tests.OnCall.Build;

namespace Klaxon.Tests.OnCall;

/// <summary>Restriction windows limit when a rotation applies; outside them a lower rotation, or nobody, is on call.</summary>
public class RestrictionTests
{
    // 2026-03-02 is a Monday; New York is on EST (UTC-5) until 2026-03-08.
    private static readonly Klaxon.Accounts.ScheduleConfig BusinessHoursOverNights = Schedule(
        NewYork,
        Rotation("2026-03-01T09:00", "P7D", "bob"),
        Rotation("2026-03-01T09:00", "P7D", "alice").Only(Window("09:00", "17:00", Weekdays)));

    [Theory]
    [InlineData("2026-03-02T08:59:59-05:00", "bob")]
    [InlineData("2026-03-02T09:00:00-05:00", "alice")]
    [InlineData("2026-03-02T16:59:59-05:00", "alice")]
    [InlineData("2026-03-02T17:00:00-05:00", "bob")]
    [InlineData("2026-03-06T12:00:00-05:00", "alice")]
    [InlineData("2026-03-07T12:00:00-05:00", "bob")]
    [InlineData("2026-03-08T12:00:00-04:00", "bob")]
    public void Weekday_business_hours_rotation_covers_the_base_rotation_only_inside_its_window(string at, string expected)
    {
        Assert.Equal([expected], ScheduleResolver.OnCallAt(BusinessHoursOverNights, At(at)));
    }

    [Fact]
    public void Shifts_alternate_between_the_layers_at_the_window_edges()
    {
        var shifts = ScheduleResolver.Shifts(BusinessHoursOverNights, At("2026-03-02T00:00:00-05:00"), At("2026-03-04T00:00:00-05:00"));

        Assert.Equal(
            [
                "bob 2026-03-02 05:00..2026-03-02 14:00",
                "alice 2026-03-02 14:00..2026-03-02 22:00",
                "bob 2026-03-02 22:00..2026-03-03 14:00",
                "alice 2026-03-03 14:00..2026-03-03 22:00",
                "bob 2026-03-03 22:00..2026-03-04 05:00",
            ],
            shifts.Describe());
    }

    [Fact]
    public void A_window_ending_before_it_starts_crosses_midnight_and_belongs_to_its_start_day()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T00:00", "P7D", "carol").Only(Window("22:00", "06:00", DayOfWeek.Friday)));

        Assert.Null(schedule.OnCall(At("2026-03-06T21:59:59-05:00")));
        Assert.Equal("carol", schedule.OnCall(At("2026-03-06T22:00:00-05:00")));
        Assert.Equal("carol", schedule.OnCall(At("2026-03-07T05:59:59-05:00")));
        Assert.Null(schedule.OnCall(At("2026-03-07T06:00:00-05:00")));
        Assert.Null(schedule.OnCall(At("2026-03-07T23:00:00-05:00")));
        Assert.Equal(
            ["carol 2026-03-07 03:00..2026-03-07 11:00"],
            ScheduleResolver.Shifts(schedule, At("2026-03-02T00:00:00Z"), At("2026-03-09T00:00:00Z")).Describe());
    }

    [Fact]
    public void Equal_start_and_end_is_a_whole_day_and_adjacent_days_merge_across_a_dst_change()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T00:00", "P7D", "carol").Only(Window("00:00", "00:00", DayOfWeek.Saturday, DayOfWeek.Sunday)));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-02T00:00:00-05:00"), At("2026-03-13T00:00:00-05:00"));

        // Saturday 00:00 EST to Monday 00:00 EDT: 47 hours, because Sunday 2026-03-08 is 23 hours long.
        Assert.Equal(["carol 2026-03-07 05:00..2026-03-09 04:00"], shifts.Describe());
    }

    [Fact]
    public void Restrictions_do_not_change_whose_turn_it_is()
    {
        var daily = Rotation("2026-03-02T09:00", "P1D", "alice", "bob");
        var restricted = Schedule(NewYork, daily.Only(Window("09:00", "17:00", Weekdays)));
        var unrestricted = Schedule(NewYork, daily);

        // The weekend turns pass unseen; Monday 2026-03-09 is turn 7 either way.
        Assert.Null(restricted.OnCall(At("2026-03-07T12:00:00-05:00")));
        Assert.Equal("bob", restricted.OnCall(At("2026-03-09T12:00:00-04:00")));
        Assert.Equal("bob", unrestricted.OnCall(At("2026-03-09T12:00:00-04:00")));
    }

    [Fact]
    public void Window_times_are_local_so_they_keep_their_wall_clock_hours_across_dst()
    {
        var schedule = Schedule(NewYork, Rotation("2026-03-01T00:00", "P7D", "alice").Only(Window("09:00", "17:00")));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-07T00:00:00Z"), At("2026-03-09T00:00:00Z"));

        Assert.Equal(["alice 2026-03-07 14:00..2026-03-07 22:00", "alice 2026-03-08 13:00..2026-03-08 21:00"], shifts.Describe());
    }

    [Fact]
    public void A_window_that_dst_squeezes_to_nothing_is_skipped_that_day()
    {
        // 02:00 does not exist on 2026-03-08 and moves forward to 03:00, where the window already ends.
        var spring = Schedule(NewYork, Rotation("2026-03-01T00:00", "P7D", "alice").Only(Window("02:00", "03:00")));
        // 01:00 exists twice on 2026-11-01 and the window starts at the first; 02:00 exists once, in EST: two hours.
        var autumn = Schedule(NewYork, Rotation("2026-10-01T00:00", "P7D", "alice").Only(Window("01:00", "02:00")));

        Assert.Equal(
            ["alice 2026-03-07 07:00..2026-03-07 08:00", "alice 2026-03-09 06:00..2026-03-09 07:00"],
            ScheduleResolver.Shifts(spring, At("2026-03-07T00:00:00Z"), At("2026-03-10T00:00:00Z")).Describe());
        Assert.Equal(
            ["alice 2026-11-01 05:00..2026-11-01 07:00"],
            ScheduleResolver.Shifts(autumn, At("2026-11-01T00:00:00Z"), At("2026-11-02T00:00:00Z")).Describe());
        Assert.Null(spring.OnCall(At("2026-03-08T07:00:00Z")));
    }

    [Fact]
    public void Overlapping_windows_of_one_rotation_merge()
    {
        var schedule = Schedule(Berlin, Rotation("2026-01-01T00:00", "P7D", "alice").Only(Window("08:00", "12:00"), Window("11:00", "14:00")));

        Assert.Equal(
            ["alice 2026-01-05 07:00..2026-01-05 13:00"],
            ScheduleResolver.Shifts(schedule, At("2026-01-05T00:00:00Z"), At("2026-01-06T00:00:00Z")).Describe());
    }
}
