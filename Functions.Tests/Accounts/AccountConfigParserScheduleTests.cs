using System.Text.Json.Nodes;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserScheduleTests
{
    [Fact]
    public void Schedule_time_zone_is_required()
    {
        var document = Example();
        document.Schedule(0).Remove("timeZone");

        AssertSingleError(document, "$.schedules[0].timeZone", "is required");
    }

    [Fact]
    public void Schedule_time_zone_must_be_known()
    {
        var document = Example();
        document.Schedule(0)["timeZone"] = "Mars/Olympus";

        AssertSingleError(document, "$.schedules[0].timeZone", "must be a known IANA time zone id");
    }

    [Fact]
    public void Rotations_are_required()
    {
        var document = Example();
        document.Schedule(0).Remove("rotations");

        AssertSingleError(document, "$.schedules[0].rotations", "is required");
    }

    [Fact]
    public void Rotations_must_not_be_empty()
    {
        var document = Example();
        document.Schedule(0)["rotations"] = new JsonArray();

        AssertSingleError(document, "$.schedules[0].rotations", "must have at least one rotation");
    }

    [Fact]
    public void Rotation_users_must_not_be_empty()
    {
        var document = Example();
        document.Rotation(0)["users"] = new JsonArray();

        AssertSingleError(document, "$.schedules[0].rotations[0].users", "must have at least one user");
    }

    [Fact]
    public void Rotation_users_must_be_known()
    {
        var document = Example();
        document.Rotation(0)["users"]!.AsArray().Add("dave");

        AssertSingleError(document, "$.schedules[0].rotations[0].users[2]", "unknown user 'dave' (not in $.users)");
    }

    [Fact]
    public void User_references_are_case_sensitive()
    {
        var document = Example();
        document.Rotation(0)["users"]![1] = "Bob";

        AssertSingleError(document, "$.schedules[0].rotations[0].users[1]", "unknown user 'Bob' (not in $.users; ids are case-sensitive, did you mean 'bob'?)");
    }

    [Fact]
    public void Rotation_users_may_repeat()
    {
        var document = Example();
        document.Rotation(0)["users"] = new JsonArray("alice", "bob", "alice");

        Assert.True(Parse(document).IsValid);
    }

    [Fact]
    public void Rotation_users_must_be_strings()
    {
        var document = Example();
        document.Rotation(0)["users"]![0] = 7;

        AssertSingleError(document, "$.schedules[0].rotations[0].users[0]", "must be a string");
    }

    [Theory]
    [InlineData("2026-01-05T09:00:00Z")]
    [InlineData("2026-01-05T09:00:00+01:00")]
    [InlineData("2026-01-05")]
    [InlineData("2026-01-05 09:00")]
    [InlineData("2026-13-05T09:00")]
    [InlineData("2026-01-05T09:00:00.5")]
    public void Rotation_start_must_be_a_local_date_time(string start)
    {
        var document = Example();
        document.Rotation(0)["start"] = start;

        var error = AssertSingleError(document, "$.schedules[0].rotations[0].start", "must be a local date-time without offset");
        Assert.Contains("interpreted in the schedule's time zone (America/New_York)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotation_start_seconds_are_optional()
    {
        var document = Example();
        document.Rotation(0)["start"] = "2026-01-05T09:30";

        var config = Parse(document).Config!;

        Assert.Equal(new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Unspecified), config.Schedules[0].Rotations[0].Start);
    }

    [Fact]
    public void Rotation_start_is_required()
    {
        var document = Example();
        document.Rotation(0).Remove("start");

        AssertSingleError(document, "$.schedules[0].rotations[0].start", "is required");
    }

    [Theory]
    [InlineData("PT0S", "must be greater than zero")]
    [InlineData("P0D", "must be greater than zero")]
    [InlineData("P1M", "use days or weeks")]
    [InlineData("7 days", "must be an ISO 8601 duration")]
    public void Rotation_length_must_be_a_positive_duration(string length, string rule)
    {
        var document = Example();
        document.Rotation(0)["length"] = length;

        AssertSingleError(document, "$.schedules[0].rotations[0].length", rule);
    }

    [Fact]
    public void Rotation_length_is_required()
    {
        var document = Example();
        document.Rotation(0).Remove("length");

        AssertSingleError(document, "$.schedules[0].rotations[0].length", "is required");
    }

    [Fact]
    public void Overrides_are_optional()
    {
        var document = Example();
        document.Schedule(0).Remove("overrides");

        Assert.Empty(Parse(document).Config!.Schedules[0].Overrides);
    }

    [Fact]
    public void Override_user_must_be_known()
    {
        var document = Example();
        document.Override(0)["user"] = "dave";

        AssertSingleError(document, "$.schedules[0].overrides[0].user", "unknown user 'dave' (not in $.users)");
    }

    [Theory]
    [InlineData("2026-12-24T00:00:00")]
    [InlineData("2026-12-24")]
    [InlineData("2026-12-24T00:00:00+0100")]
    [InlineData("24.12.2026 00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    public void Override_times_must_be_instants_with_an_offset(string start)
    {
        var document = Example();
        document.Override(0)["start"] = start;

        AssertSingleError(document, "$.schedules[0].overrides[0].start", "must be an RFC 3339 date-time with an offset or Z");
    }

    [Fact]
    public void Override_times_are_normalised_to_utc()
    {
        var document = Example();
        document.Override(0)["start"] = "2026-12-24T01:00:00+01:00";
        document.Override(0)["end"] = "2026-12-25T19:00:00.25-05:00";

        var entry = Parse(document).Config!.Schedules[0].Overrides[0];

        Assert.Equal(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero), entry.Start);
        Assert.Equal(TimeSpan.Zero, entry.Start.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 0, 0, 0, 250, TimeSpan.Zero), entry.End);
    }

    [Theory]
    [InlineData("2026-12-23T00:00:00Z")]
    [InlineData("2026-12-24T00:00:00Z")]
    [InlineData("2026-12-24T01:00:00+01:00")]
    public void Override_end_must_be_after_start(string end)
    {
        var document = Example();
        document.Override(0)["end"] = end;

        AssertSingleError(document, "$.schedules[0].overrides[0].end", "must be after start");
    }

    [Fact]
    public void Override_end_is_required()
    {
        var document = Example();
        document.Override(0).Remove("end");

        AssertSingleError(document, "$.schedules[0].overrides[0].end", "is required");
    }

    [Fact]
    public void Schedules_have_no_name_property()
    {
        var document = Example();
        document.Schedule(0)["name"] = "Primary";

        AssertSingleError(document, "$.schedules[0].name", "unknown property");
    }
}
