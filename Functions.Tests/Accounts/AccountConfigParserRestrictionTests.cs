using System.Text.Json.Nodes;
using Klaxon.Accounts;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserRestrictionTests
{
    private const string Path = "$.schedules[0].rotations[0].restrictions";

    private static JsonObject WithWindow(JsonObject window)
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = new JsonArray(window);
        return document;
    }

    private static JsonObject Window(string start = "09:00", string end = "17:00", params string[] days)
    {
        var window = new JsonObject { ["start"] = start, ["end"] = end };
        if (days.Length > 0)
        {
            window["days"] = new JsonArray([.. days.Select(d => (JsonNode)d)]);
        }
        return window;
    }

    [Fact]
    public void A_rotation_without_restrictions_always_applies()
    {
        Assert.Empty(Parse(Example()).Config!.Schedules[0].Rotations[0].Restrictions);
    }

    [Fact]
    public void Restrictions_null_counts_as_absent()
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = null;

        Assert.Empty(Parse(document).Config!.Schedules[0].Rotations[0].Restrictions);
    }

    [Fact]
    public void A_window_reads_its_days_and_local_times()
    {
        var document = WithWindow(Window("09:00", "17:30", "mon", "tue", "wed", "thu", "fri"));

        var window = Assert.Single(Parse(document).Config!.Schedules[0].Rotations[0].Restrictions);

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], window.Days);
        Assert.Equal(new TimeOnly(9, 0), window.Start);
        Assert.Equal(new TimeOnly(17, 30), window.End);
        Assert.False(window.CrossesMidnight);
    }

    [Fact]
    public void Days_default_to_every_day()
    {
        var window = Assert.Single(Parse(WithWindow(Window())).Config!.Schedules[0].Rotations[0].Restrictions);

        Assert.Equal(RestrictionConfig.EveryDay, window.Days);
    }

    [Theory]
    [InlineData("22:00", "06:00")]
    [InlineData("09:00", "09:00")]
    [InlineData("00:00", "00:00")]
    public void An_end_at_or_before_the_start_crosses_midnight(string start, string end)
    {
        var window = Assert.Single(Parse(WithWindow(Window(start, end))).Config!.Schedules[0].Rotations[0].Restrictions);

        Assert.True(window.CrossesMidnight);
    }

    [Fact]
    public void Restrictions_must_not_be_empty()
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = new JsonArray();

        AssertSingleError(document, Path, "must have at least one window; leave restrictions out");
    }

    [Fact]
    public void Restrictions_must_be_an_array_of_objects()
    {
        var document = Example();
        document.Rotation(0)["restrictions"] = new JsonArray("weekdays");

        AssertSingleError(document, Path + "[0]", "must be an object");
    }

    [Fact]
    public void Unknown_window_properties_are_reported()
    {
        var window = Window();
        window["Days"] = new JsonArray("mon");

        AssertSingleError(WithWindow(window), Path + "[0].Days", "did you mean 'days'?");
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    public void Start_and_end_are_required(string name)
    {
        var window = Window();
        window.Remove(name);

        AssertSingleError(WithWindow(window), $"{Path}[0].{name}", "is required");
    }

    [Theory]
    [InlineData("9:00")]
    [InlineData("24:00")]
    [InlineData("09:60")]
    [InlineData("09:00:00")]
    [InlineData("0900")]
    [InlineData("09:00Z")]
    public void Times_must_be_hh_mm(string time)
    {
        AssertSingleError(WithWindow(Window(start: time)), Path + "[0].start", "must be a local time of day as HH:mm from 00:00 to 23:59");
    }

    [Fact]
    public void Both_bad_times_are_reported_at_once()
    {
        var result = Parse(WithWindow(Window("nine", "five")));

        Assert.Equal([Path + "[0].start", Path + "[0].end"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Days_must_not_be_empty()
    {
        var window = Window();
        window["days"] = new JsonArray();

        AssertSingleError(WithWindow(window), Path + "[0].days", "must have at least one day; leave days out for every day");
    }

    [Theory]
    [InlineData("monday", "must be one of mon, tue, wed, thu, fri, sat, sun")]
    [InlineData("Mon", "(lower case: 'mon')")]
    [InlineData("", "must be one of")]
    public void Days_must_be_lower_case_three_letter_names(string day, string rule)
    {
        AssertSingleError(WithWindow(Window("09:00", "17:00", "tue", day)), Path + "[0].days[1]", rule);
    }

    [Fact]
    public void Days_must_be_strings()
    {
        var window = Window();
        window["days"] = new JsonArray(1);

        AssertSingleError(WithWindow(window), Path + "[0].days[0]", "must be one of");
    }

    [Fact]
    public void Days_must_not_repeat()
    {
        AssertSingleError(WithWindow(Window("09:00", "17:00", "mon", "tue", "mon")), Path + "[0].days[2]", "duplicate day 'mon'");
    }

    [Fact]
    public void Errors_in_later_windows_and_rotations_carry_their_own_index()
    {
        var document = Example();
        document.Schedule(0)["rotations"]!.AsArray().Add(new JsonObject
        {
            ["users"] = new JsonArray("bob"),
            ["start"] = "2026-01-05T09:00",
            ["length"] = "P1D",
            ["restrictions"] = new JsonArray(Window(), Window(end: "25:00")),
        });

        AssertSingleError(document, "$.schedules[0].rotations[1].restrictions[1].end", "must be a local time of day");
    }
}
