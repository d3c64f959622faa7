using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Reports;

namespace Klaxon.Tests.Reports;

/// <summary>The response report over a hand-built history, against figures worked out by hand (in the comments).</summary>
public class ResponseReportTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly AccountConfig Config = new("acct", "Acct",
        [
            new UserConfig("alice", "Alice", null, null, "Europe/Berlin", new Dictionary<Urgency, IReadOnlyList<NotificationStep>>()),
            new UserConfig("bob", "Bob", null, null, "America/New_York", new Dictionary<Urgency, IReadOnlyList<NotificationStep>>()),
        ],
        [], [new TeamConfig("ops", "Ops", new EscalationPolicyConfig([], 0)), new TeamConfig("db", "DB", new EscalationPolicyConfig([], 0))], []);

    private static readonly ReportIncident[] Incidents =
    [
        Incident(1, "ops", "a", 9, ackAfter: 120, resolveAfter: 1800),
        Incident(2, "ops", "a", 10, ackAfter: 600, resolveAfter: 3600),
        Incident(3, "ops", "a", 11, ackAfter: 240, resolveAfter: null),
        Incident(4, "ops", "a", 12, ackAfter: null, resolveAfter: 1200),
        Incident(5, "ops", "b", 13, ackAfter: 60, resolveAfter: 300),
        Incident(6, "db", "c", 14, ackAfter: null, resolveAfter: null),
    ];

    private static readonly ReportPage[] Pages =
    [
        new(1, "alice", NotificationChannel.Sms, Monday.AddHours(9)),                 // 10:00 Berlin, Monday: in hours
        new(1, "alice", NotificationChannel.Voice, Monday.AddHours(17).AddMinutes(30)), // 18:30 Berlin: out
        new(2, "alice", NotificationChannel.Sms, Monday.AddDays(5).AddHours(10)),      // Saturday: out
        new(2, "bob", NotificationChannel.Email, Monday.AddHours(12)),                 // 07:00 New York: out
        new(3, "bob", NotificationChannel.Email, Monday.AddHours(14)),                 // 09:00 New York: in
        new(4, "carol", NotificationChannel.Sms, Monday.AddHours(7).AddMinutes(59)),   // no longer a user, so UTC: 07:59, out
    ];

    private static readonly ReportPeriod Period = new(Monday, Monday.AddDays(7), null);

    [Fact]
    public void Per_team_figures_match_the_hand_computed_ones()
    {
        var report = ResponseReport.Compute(Period, Incidents, Pages, Config);

        // ops: acknowledge 120, 600, 240, 60 → sorted 60, 120, 240, 600: median (120 + 240) / 2 = 180, p90 rank ⌈3.6⌉ = 4 → 600.
        // resolve 1800, 3600, 1200, 300 → sorted 300, 1200, 1800, 3600: median 1500, p90 3600. Within 5 min: 120, 240, 60 → 3 of 5.
        Assert.Equal(
            [
                new ResponseFigures("db", null, 1, 0, 0, null, null, null, null, 0),
                new ResponseFigures("ops", null, 5, 4, 4, 180, 600, 1500, 3600, 0.6),
            ],
            report.Teams);
    }

    [Fact]
    public void Per_integration_figures_match_the_hand_computed_ones()
    {
        var report = ResponseReport.Compute(Period, Incidents, Pages, Config);

        // ops/a: acknowledge 120, 600, 240 → median 240, p90 rank ⌈2.7⌉ = 3 → 600; resolve 1800, 3600, 1200 → 1800, 3600; quick 2 of 4.
        Assert.Equal(
            [
                new ResponseFigures("db", "c", 1, 0, 0, null, null, null, null, 0),
                new ResponseFigures("ops", "a", 4, 3, 3, 240, 600, 1800, 3600, 0.5),
                new ResponseFigures("ops", "b", 1, 1, 1, 60, 60, 300, 300, 1),
            ],
            report.Integrations);
    }

    [Fact]
    public void On_call_load_counts_pages_per_person_and_channel_and_out_of_hours_in_each_persons_zone()
    {
        var report = ResponseReport.Compute(Period, Incidents, Pages, Config);

        Assert.Equal(["alice 3 sms=2,voice=1 out=2", "bob 2 email=2 out=1", "carol 1 sms=1 out=1"],
            report.People.Select(p => $"{p.User} {p.Pages} {string.Join(",", p.ByChannel.Select(c => $"{c.Key}={c.Value}"))} out={p.OutOfHours}"));
        Assert.Equal(new Dictionary<string, int> { ["email"] = 2, ["sms"] = 3, ["voice"] = 1 }, report.PagesByChannel);
    }

    [Fact]
    public void Working_hours_are_8_to_18_on_weekdays_local_time_across_DST()
    {
        Assert.False(ResponseReport.IsOutOfHours(Monday.AddHours(8), "UTC"));
        Assert.True(ResponseReport.IsOutOfHours(Monday.AddHours(18), "UTC"));
        Assert.True(ResponseReport.IsOutOfHours(Monday.AddHours(8).AddTicks(-1), "UTC"));
        // New York moved to EDT on 8 March 2026: 12:30 UTC is 08:30 local on the 9th, but 07:30 on the 2nd.
        Assert.False(ResponseReport.IsOutOfHours(Monday.AddDays(7).AddHours(12).AddMinutes(30), "America/New_York"));
        Assert.True(ResponseReport.IsOutOfHours(Monday.AddHours(12).AddMinutes(30), "America/New_York"));
    }

    [Fact]
    public void Median_and_p90_follow_their_stated_definitions_and_an_empty_period_reports_nothing()
    {
        Assert.Equal(2.5, ResponseReport.Median([4, 1, 3, 2]));
        // Rank ⌈0.9 n⌉: 9th of 10, 9th of 9, 10th of 11.
        Assert.Equal(9, ResponseReport.Percentile90([.. Enumerable.Range(1, 10).Select(i => (double)i)]));
        Assert.Equal(9, ResponseReport.Percentile90([.. Enumerable.Range(1, 9).Select(i => (double)i)]));
        Assert.Equal(10, ResponseReport.Percentile90([.. Enumerable.Range(1, 11).Select(i => (double)i)]));
        Assert.Null(ResponseReport.Median([]));

        var empty = ResponseReport.Compute(Period, [], [], Config);
        Assert.Empty(empty.Teams);
        Assert.Empty(empty.People);
    }

    [Theory]
    [InlineData(null, "2026-03-02T00:00:00Z", "from")]
    [InlineData("2026-03-01", "2026-03-02T00:00:00Z", "from")]
    [InlineData("2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z", "to")]
    [InlineData("2026-01-01T00:00:00Z", "2026-04-03T00:00:01Z", "to")]
    [InlineData("2026-03-01T00:00:00+01:00", "tomorrow", "to")]
    public void Bad_periods_name_their_parameter(string? from, string? to, string field)
    {
        var (period, errors) = ReportPeriod.Parse(from, to, null, Config);

        Assert.Null(period);
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void A_period_of_92_days_with_a_known_team_is_accepted_and_an_unknown_team_is_not()
    {
        Assert.NotNull(ReportPeriod.Parse("2026-01-01T00:00:00Z", "2026-04-03T00:00:00Z", "ops", Config).Period);
        Assert.Equal("team", Assert.Single(ReportPeriod.Parse("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "nope", Config).Errors).Field);
    }

    private static ReportIncident Incident(long number, string team, string integration, int hour, int? ackAfter, int? resolveAfter)
    {
        var opened = Monday.AddHours(hour);
        return new ReportIncident(number, team, integration, opened,
            ackAfter is { } a ? opened.AddSeconds(a) : null, resolveAfter is { } r ? opened.AddSeconds(r) : null);
    }
}
