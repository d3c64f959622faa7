using System.Net;
using System.Text.Json.Nodes;
using Ical.Net;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.OnCall;

/// <summary>The three schedule endpoints over HTTP, on DevHost.</summary>
[Collection(DevHostCollection.Name)]
public class ScheduleApiTests(DevHostFixture devHost)
{
    private async Task<string> CreateAccountAsync()
    {
        var id = "sched" + Guid.NewGuid().ToString("N")[..12];
        using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", ScheduleDocuments.Account(id));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return id;
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> GetAsync(string path)
    {
        using var response = await devHost.Admin(HttpMethod.Get, path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("2026-03-07T17:30:00Z", """{"at":"2026-03-07T17:30:00+00:00","users":["carol"]}""")]
    [InlineData("2026-03-08T08:59:59-04:00", """{"at":"2026-03-08T12:59:59+00:00","users":["alice"]}""")]
    [InlineData("2026-03-08T09:00:00-04:00", """{"at":"2026-03-08T13:00:00+00:00","users":["bob"]}""")]
    [InlineData("2026-02-01T00:00:00Z", """{"at":"2026-02-01T00:00:00+00:00","users":[]}""")]
    public async Task On_call_answers_for_the_instant_given(string at, string expected)
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/primary/oncall?at={Uri.EscapeDataString(at)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task On_call_defaults_to_now_and_takes_an_unencoded_plus_in_the_offset()
    {
        var account = await CreateAccountAsync();
        var before = DateTimeOffset.UtcNow;

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/eu.primary/oncall");
        var plus = await GetAsync($"api/accounts/{account}/schedules/primary/oncall?at=2026-03-08T15:00:00+02:00");

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(body)!;
        var at = DateTimeOffset.Parse((string)json["at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("""["alice"]""", json["users"]!.ToJsonString());
        Assert.Equal("""{"at":"2026-03-08T13:00:00+00:00","users":["bob"]}""", plus.Body);
    }

    [Theory]
    [InlineData("at=yesterday")]
    [InlineData("at=2026-03-08T09:00:00")]
    [InlineData("at=2026-03-08")]
    public async Task On_call_rejects_an_instant_without_an_offset(string query)
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/primary/oncall?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("at", (string?)JsonNode.Parse(body)!["errors"]![0]!["field"]);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    public async Task Instants_at_the_ends_of_time_are_refused_or_answered_with_nobody(string at)
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/primary/oncall?at={Uri.EscapeDataString(at)}");

        Assert.True(status == HttpStatusCode.BadRequest || (status == HttpStatusCode.OK && body.EndsWith("\"users\":[]}", StringComparison.Ordinal)), $"{status} {body}");
    }

    [Fact]
    public async Task Shifts_are_resolved_merged_and_clipped_to_the_window()
    {
        var account = await CreateAccountAsync();

        var (status, body, contentType) = await GetAsync($"api/accounts/{account}/schedules/primary/shifts?from=2026-03-07T00:00:00Z&to=2026-03-10T12:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal(ScheduleDocuments.PrimaryShifts, body);
    }

    [Theory]
    [InlineData("", "from,to")]
    [InlineData("?from=2026-03-07T00:00:00Z", "to")]
    [InlineData("?to=2026-03-07T00:00:00Z", "from")]
    [InlineData("?from=2026-03-07&to=2026-03-08T00:00:00Z", "from")]
    [InlineData("?from=2026-03-07T00:00:00Z&to=2026-03-07T00:00:00Z", "to")]
    [InlineData("?from=2026-03-07T00:00:00Z&to=2026-03-06T00:00:00Z", "to")]
    [InlineData("?from=2026-03-07T00:00:00Z&to=2026-06-05T00:00:01Z", "to")]
    public async Task Shifts_need_a_window_of_at_most_90_days(string query, string fields)
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/primary/shifts{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("invalid", (string?)json["status"]);
        Assert.Equal(fields, string.Join(',', json["errors"]!.AsArray().Select(e => (string?)e!["field"])));
    }

    [Fact]
    public async Task Shifts_accept_exactly_90_days()
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/eu.primary/shifts?from=2026-03-07T00:00:00Z&to=2026-06-05T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""[{"user":"alice","start":"2026-03-07T00:00:00+00:00","end":"2026-06-05T00:00:00+00:00"}]""", body);
    }

    [Fact]
    public async Task The_calendar_feed_has_one_event_per_shift_in_utc_with_the_user_names()
    {
        var account = await CreateAccountAsync();

        var (status, body, contentType) = await GetAsync($"api/accounts/{account}/schedules/primary.ics?from=2026-03-07T00:00:00Z&to=2026-03-10T12:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/calendar; charset=utf-8", contentType);
        var events = Calendar.Load(body)!.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        var shifts = JsonNode.Parse(ScheduleDocuments.PrimaryShifts)!.AsArray();
        Assert.Equal(shifts.Count, events.Count);
        var names = new Dictionary<string, string> { ["alice"] = "Alice", ["bob"] = "Bob", ["carol"] = ScheduleDocuments.LongName };
        for (var i = 0; i < shifts.Count; i++)
        {
            Assert.Equal("On call: " + names[(string)shifts[i]!["user"]!], events[i].Summary);
            Assert.Equal(DateTimeOffset.Parse((string)shifts[i]!["start"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, events[i].DtStart!.AsUtc);
            Assert.Equal(DateTimeOffset.Parse((string)shifts[i]!["end"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, events[i].DtEnd!.AsUtc);
            Assert.True(events[i].DtStart!.IsUtc);
        }
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task The_calendar_feed_is_valid_for_a_dotted_schedule_id_and_defaults_its_window()
    {
        var account = await CreateAccountAsync();

        var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/eu.primary.ics");

        Assert.Equal(HttpStatusCode.OK, status);
        var single = Assert.Single(Calendar.Load(body)!.Events);
        Assert.Equal("On call: Alice", single.Summary);
        Assert.Equal(TimeSpan.FromDays(67), single.DtEnd!.AsUtc - single.DtStart!.AsUtc);
    }

    [Theory]
    [InlineData(null, "secondary")]
    [InlineData(null, "Primary")]
    public async Task Unknown_accounts_and_schedules_are_404(string? accountId, string scheduleId)
    {
        var account = accountId ?? await CreateAccountAsync();

        foreach (var path in new[] { $"{scheduleId}/oncall", $"{scheduleId}/shifts?from=2026-03-07T00:00:00Z&to=2026-03-08T00:00:00Z", $"{scheduleId}.ics" })
        {
            var (status, body, _) = await GetAsync($"api/accounts/{account}/schedules/{path}");

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("""{"status":"not_found"}""", body);
        }
    }

    [Theory]
    [InlineData("api/accounts/15/schedules/primary/oncall")]
    [InlineData("api/accounts/15/schedules/primary/shifts")]
    [InlineData("api/accounts/15/schedules/primary.ics")]
    public async Task Schedule_routes_need_an_api_key(string path)
    {
        using var response = await devHost.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
