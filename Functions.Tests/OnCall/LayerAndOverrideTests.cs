using Klaxon.Accounts;
using Klaxon.OnCall;
using static Klaxon.Tests.OnCall.Build;

namespace Klaxon.Tests.OnCall;

/// <summary>Precedence (later rotations over earlier, overrides over all, later overrides over earlier) and window edges.</summary>
public class LayerAndOverrideTests
{
    private static readonly ScheduleConfig TwoLayers = Schedule(
        "UTC",
        Rotation("2026-03-01T00:00", "P1D", "alice"),
        Rotation("2026-03-05T09:00", "P1D", "bob"));

    [Fact]
    public void A_later_rotation_covers_an_earlier_one_from_its_start()
    {
        Assert.Equal(
            ["alice 2026-03-04 00:00..2026-03-05 09:00", "bob 2026-03-05 09:00..2026-03-06 00:00"],
            ScheduleResolver.Shifts(TwoLayers, At("2026-03-04T00:00:00Z"), At("2026-03-06T00:00:00Z")).Describe());
    }

    [Fact]
    public void An_override_beats_every_rotation_and_a_later_override_beats_an_earlier_one()
    {
        var schedule = TwoLayers.With(
            Override("carol", "2026-03-06T00:00:00Z", "2026-03-06T12:00:00Z"),
            Override("dave", "2026-03-06T06:00:00Z", "2026-03-06T18:00:00Z"));

        Assert.Equal(
            [
                "alice 2026-03-05 00:00..2026-03-05 09:00",
                "bob 2026-03-05 09:00..2026-03-06 00:00",
                "carol 2026-03-06 00:00..2026-03-06 06:00",
                "dave 2026-03-06 06:00..2026-03-06 18:00",
                "bob 2026-03-06 18:00..2026-03-07 00:00",
            ],
            ScheduleResolver.Shifts(schedule, At("2026-03-05T00:00:00Z"), At("2026-03-07T00:00:00Z")).Describe());
        Assert.Equal("dave", schedule.OnCall(At("2026-03-06T09:00:00Z")));
        Assert.Equal("carol", schedule.OnCall(At("2026-03-06T05:59:59Z")));
    }

    [Fact]
    public void An_override_applies_where_no_rotation_does()
    {
        var schedule = Schedule("UTC", Rotation("2026-03-01T00:00", "P1D", "alice").Only(Window("09:00", "17:00")))
            .With(Override("carol", "2026-03-01T20:00:00Z", "2026-03-01T22:00:00Z"));

        Assert.Equal(
            ["alice 2026-03-01 09:00..2026-03-01 17:00", "carol 2026-03-01 20:00..2026-03-01 22:00"],
            ScheduleResolver.Shifts(schedule, At("2026-03-01T00:00:00Z"), At("2026-03-02T00:00:00Z")).Describe());
        Assert.Null(schedule.OnCall(At("2026-03-01T18:00:00Z")));
        Assert.Empty(ScheduleResolver.OnCallAt(schedule, At("2026-03-01T18:00:00Z")));
    }

    [Fact]
    public void An_override_by_the_user_already_on_call_merges_into_their_shift()
    {
        var schedule = Schedule("UTC", Rotation("2026-03-01T00:00", "P1D", "alice", "bob"))
            .With(Override("alice", "2026-03-02T00:00:00Z", "2026-03-02T06:00:00Z"));

        Assert.Equal(
            ["alice 2026-03-01 00:00..2026-03-02 06:00", "bob 2026-03-02 06:00..2026-03-03 00:00"],
            ScheduleResolver.Shifts(schedule, At("2026-03-01T00:00:00Z"), At("2026-03-03T00:00:00Z")).Describe());
    }

    [Fact]
    public void Shifts_crossing_the_window_edges_are_clipped_and_reported_in_utc()
    {
        var schedule = Schedule("UTC", Rotation("2026-03-01T00:00", "P7D", "alice", "bob"))
            .With(Override("carol", "2026-03-03T00:00:00Z", "2026-03-20T00:00:00Z"));

        var shifts = ScheduleResolver.Shifts(schedule, At("2026-03-02T02:00:00+02:00"), At("2026-03-04T00:00:00Z"));

        Assert.Equal(["alice 2026-03-02 00:00..2026-03-03 00:00", "carol 2026-03-03 00:00..2026-03-04 00:00"], shifts.Describe());
        Assert.All(shifts, s => Assert.Equal(TimeSpan.Zero, s.Start.Offset));
    }

    [Fact]
    public void An_empty_or_reversed_window_has_no_shifts()
    {
        Assert.Empty(ScheduleResolver.Shifts(TwoLayers, At("2026-03-04T00:00:00Z"), At("2026-03-04T00:00:00Z")));
        Assert.Empty(ScheduleResolver.Shifts(TwoLayers, At("2026-03-04T00:00:00Z"), At("2026-03-03T00:00:00Z")));
    }

    [Fact]
    public void The_extremes_of_time_answer_without_overflowing()
    {
        var ancient = Schedule("Pacific/Kiritimati", Rotation("0001-01-01T00:00", "P7D", "alice", "bob"));

        Assert.Empty(ScheduleResolver.OnCallAt(TwoLayers, DateTimeOffset.MinValue));
        Assert.Empty(ScheduleResolver.OnCallAt(TwoLayers, DateTimeOffset.MaxValue));
        Assert.Single(ScheduleResolver.OnCallAt(ancient, At("2026-03-04T00:00:00Z")));
        var last = ScheduleResolver.Shifts(TwoLayers, DateTimeOffset.MaxValue.AddDays(-10), DateTimeOffset.MaxValue);
        Assert.Equal(ScheduleResolver.MaxInstant, last[^1].End);
        Assert.All(last, s => Assert.Equal("bob", s.User));
        foreach (var zone in new[] { "Pacific/Kiritimati", "Pacific/Pago_Pago" })
        {
            var restricted = Schedule(zone, Rotation("0001-01-01T00:00", "P1D", "alice").Only(Window("22:00", "02:00")));
            Assert.NotEmpty(ScheduleResolver.Shifts(restricted, DateTimeOffset.MinValue, DateTimeOffset.MinValue.AddDays(10)));
            Assert.NotEmpty(ScheduleResolver.Shifts(restricted, DateTimeOffset.MaxValue.AddDays(-10), DateTimeOffset.MaxValue));
            Assert.Empty(ScheduleResolver.OnCallAt(restricted, DateTimeOffset.MaxValue));
        }
    }

    [Fact]
    public void Looking_up_by_schedule_id_is_null_for_an_unknown_schedule()
    {
        var account = new AccountConfig("15", "Acme", [], [TwoLayers], [], []);

        Assert.Equal(["bob"], ScheduleResolver.OnCallAt(account, "primary", At("2026-03-06T00:00:00Z")));
        Assert.Null(ScheduleResolver.OnCallAt(account, "Primary", At("2026-03-06T00:00:00Z")));
    }
}
