using Klaxon.Accounts;
using Klaxon.Maintenance;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Maintenance;

/// <summary>"Is this incident in maintenance at t, and until when": window boundaries, weekly recurrence, DST, ad hoc windows, runs of windows.</summary>
public class MaintenanceCalendarTests
{
    private static readonly MaintenanceWindowConfig Once = new("deploy", MaintenanceScope.Team, "ops",
        new DateTime(2026, 3, 2, 10, 0, 0), new DateTime(2026, 3, 2, 11, 0, 0), "UTC", Reason: "db upgrade");

    /// <summary>Sundays 02:00–04:00 in Berlin, from 22 March 2026 (the Sunday before the spring-forward night).</summary>
    private static readonly MaintenanceWindowConfig Sundays = new("sundays", MaintenanceScope.Team, "ops",
        new DateTime(2026, 3, 22, 2, 0, 0), new DateTime(2026, 3, 22, 4, 0, 0), "Europe/Berlin", MaintenanceRepeat.Weekly);

    [Fact]
    public void A_window_covers_from_its_start_up_to_but_not_including_its_end()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 59, 59, TimeSpan.Zero));
        Assert.Null(CoverAt([Once], clock));

        clock.Advance(TimeSpan.FromSeconds(1));
        var cover = CoverAt([Once], clock);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), cover!.Until);
        Assert.Equal("window 'deploy' for team ops (db upgrade)", cover.Description);

        clock.Advance(TimeSpan.FromMinutes(59).Add(TimeSpan.FromSeconds(59)));
        Assert.NotNull(CoverAt([Once], clock));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(CoverAt([Once], clock));
    }

    [Fact]
    public void A_window_covers_only_its_own_team_or_integration()
    {
        var at = new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);
        var integrationWindow = Once with { Scope = MaintenanceScope.Integration, TargetId = "grafana" };

        Assert.Null(MaintenanceCalendar.CoverAt([Once], [], "db", "grafana", at));
        Assert.NotNull(MaintenanceCalendar.CoverAt([integrationWindow], [], "db", "grafana", at));
        Assert.Null(MaintenanceCalendar.CoverAt([integrationWindow], [], "ops", "zabbix", at));
    }

    [Fact]
    public void A_weekly_window_comes_back_every_week_at_its_local_time_and_not_before_its_first_start()
    {
        // 22 March: CET (UTC+1), so 02:00–04:00 is 01:00–03:00 UTC.
        Assert.Null(Cover(Sundays, Utc(2026, 3, 15, 1, 30)));
        Assert.Equal(Utc(2026, 3, 22, 3, 0), Cover(Sundays, Utc(2026, 3, 22, 1, 0))!.Until);
        // 5 April: CEST (UTC+2), so 02:00–04:00 is 00:00–02:00 UTC.
        Assert.Equal(Utc(2026, 4, 5, 2, 0), Cover(Sundays, Utc(2026, 4, 5, 0, 0))!.Until);
        Assert.Null(Cover(Sundays, Utc(2026, 4, 5, 2, 0)));
        Assert.Null(Cover(Sundays, Utc(2026, 4, 4, 0, 30)));
        Assert.NotNull(Cover(Sundays, Utc(2027, 1, 3, 1, 30)));
    }

    [Fact]
    public void On_the_spring_forward_night_a_start_in_the_gap_moves_to_the_end_of_the_gap()
    {
        // 29 March 2026, Berlin: 02:00 CET jumps to 03:00 CEST. The window runs 03:00–04:00 CEST, 01:00–02:00 UTC.
        var clock = new FakeTimeProvider(Utc(2026, 3, 29, 0, 59));
        Assert.Null(Cover(Sundays, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Utc(2026, 3, 29, 2, 0), Cover(Sundays, clock.GetUtcNow())!.Until);
        clock.Advance(TimeSpan.FromHours(1));
        // With the week before's offset it would still run until 03:00 UTC.
        Assert.Null(Cover(Sundays, clock.GetUtcNow()));
    }

    [Fact]
    public void On_the_fall_back_night_a_start_in_the_repeated_hour_takes_its_first_occurrence()
    {
        // 25 October 2026, Berlin: 03:00 CEST falls back to 02:00 CET. 02:00 is first at 00:00 UTC; 04:00 CET is 03:00 UTC.
        Assert.Null(Cover(Sundays, Utc(2026, 10, 24, 23, 59)));
        Assert.Equal(Utc(2026, 10, 25, 3, 0), Cover(Sundays, Utc(2026, 10, 25, 0, 0))!.Until);
        Assert.NotNull(Cover(Sundays, Utc(2026, 10, 25, 2, 30)));
        Assert.Null(Cover(Sundays, Utc(2026, 10, 25, 3, 0)));
    }

    [Fact]
    public void Windows_that_follow_on_from_one_another_are_one_run_and_an_ad_hoc_window_counts()
    {
        var next = new MaintenanceWindowConfig("next", MaintenanceScope.Integration, "grafana",
            new DateTime(2026, 3, 2, 11, 0, 0), new DateTime(2026, 3, 2, 12, 0, 0), "UTC");
        var adHoc = new AdHocMaintenance("a1", MaintenanceScope.Team, "ops", Utc(2026, 3, 2, 11, 30), Utc(2026, 3, 2, 13, 0), "quiet", "alice");

        var cover = MaintenanceCalendar.CoverAt([Once, next], [adHoc], "ops", "grafana", Utc(2026, 3, 2, 10, 15));

        Assert.Equal(Utc(2026, 3, 2, 13, 0), cover!.Until);
        Assert.Equal("window 'deploy' for team ops (db upgrade)", cover.Description);
        var onlyAdHoc = MaintenanceCalendar.CoverAt([], [adHoc], "ops", null, Utc(2026, 3, 2, 12, 59));
        Assert.Equal("ad hoc window started by alice for team ops (quiet)", onlyAdHoc!.Description);
        Assert.Null(MaintenanceCalendar.CoverAt([], [adHoc], "ops", null, Utc(2026, 3, 2, 13, 0)));
    }

    private static MaintenanceCover? CoverAt(IReadOnlyList<MaintenanceWindowConfig> windows, TimeProvider clock) =>
        MaintenanceCalendar.CoverAt(windows, [], "ops", "grafana", clock.GetUtcNow());

    private static MaintenanceCover? Cover(MaintenanceWindowConfig window, DateTimeOffset at) =>
        MaintenanceCalendar.CoverAt([window], [], "ops", null, at);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
