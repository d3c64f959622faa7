using System.Text;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.OnCall;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.OnCall;

/// <summary>The schedule functions called directly with a fake clock: what "now" means, and the exact feed text.</summary>
[Collection(AzuriteCollection.Name)]
public class ScheduleFunctionsTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 8, 13, 30, 0, TimeSpan.Zero));

    private async Task<(ScheduleFunctions Functions, string AccountId)> CreateAsync()
    {
        var store = new AccountStore(
            StorageClientFactory.CreateTableServiceClient(azurite.Configuration), _clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance);
        var id = "fn" + Guid.NewGuid().ToString("N")[..12];
        var parsed = AccountConfigParser.Parse(ScheduleDocuments.Account(id), id);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        await store.SaveAsync(parsed.Config, CancellationToken.None);
        var credentials = new CredentialStore(StorageClientFactory.CreateTableServiceClient(azurite.Configuration), _clock);
        _key = (await credentials.CreateAsync(id, CredentialKind.ApiKey, new CredentialRequest("reader", ApiRole.ReadOnly), null, "test", CancellationToken.None))!.Value.Secret;
        return (new ScheduleFunctions(store, _clock, new ApiAccess(credentials, Options.Create(new AccessOptions()))), id);
    }

    private string _key = "";

    private HttpRequest Request(string query = "")
    {
        var request = new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;
        request.Headers.Authorization = "Bearer " + _key;
        return request;
    }

    private static ContentResult Content(IActionResult result) => Assert.IsType<ContentResult>(result);

    [Fact]
    public async Task On_call_without_an_instant_asks_about_now()
    {
        var (functions, account) = await CreateAsync();

        var first = Content(await functions.OnCall(Request(), account, "primary", CancellationToken.None));
        _clock.Advance(TimeSpan.FromDays(1));
        var next = Content(await functions.OnCall(Request(), account, "primary", CancellationToken.None));

        Assert.Equal("""{"at":"2026-03-08T13:30:00+00:00","users":["bob"]}""", first.Content);
        Assert.Equal("""{"at":"2026-03-09T13:30:00+00:00","users":["alice"]}""", next.Content);
    }

    [Fact]
    public async Task The_feed_defaults_to_whole_utc_days_from_7_days_back_to_60_ahead_and_stamps_now()
    {
        var (functions, account) = await CreateAsync();

        var feed = Content(await functions.Calendar(Request(), account, "eu.primary", CancellationToken.None));

        Assert.Equal(200, feed.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", feed.ContentType);
        Assert.Equal(
            string.Join("\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Klaxon//On-call schedules//EN",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "X-WR-CALNAME:On call: eu.primary",
                "BEGIN:VEVENT",
                $"UID:eu.primary-alice-20260301T000000Z@{account}.klaxon",
                "DTSTAMP:20260308T133000Z",
                "DTSTART:20260301T000000Z",
                "DTEND:20260507T000000Z",
                "SUMMARY:On call: Alice",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "END:VCALENDAR",
                ""),
            feed.Content);
    }

    [Fact]
    public async Task The_feed_is_the_same_all_day_apart_from_its_stamp()
    {
        var (functions, account) = await CreateAsync();

        var morning = Content(await functions.Calendar(Request(), account, "primary", CancellationToken.None)).Content!;
        _clock.Advance(TimeSpan.FromHours(10));
        var evening = Content(await functions.Calendar(Request(), account, "primary", CancellationToken.None)).Content!;

        static string Unstamped(string feed) => string.Join("\n", feed.Split("\r\n").Where(line => !line.StartsWith("DTSTAMP:", StringComparison.Ordinal)));
        Assert.Equal(Unstamped(morning), Unstamped(evening));
        Assert.NotEqual(morning, evening);
    }

    [Fact]
    public async Task Feed_lines_are_folded_at_75_octets_and_text_is_escaped()
    {
        var (functions, account) = await CreateAsync();

        var feed = Content(await functions.Calendar(Request("?from=2026-03-10T00:00:00Z&to=2026-03-10T06:00:00Z"), account, "primary", CancellationToken.None)).Content!;

        var lines = feed.Split("\r\n");
        Assert.DoesNotContain('\n', string.Concat(lines));
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        var unfolded = feed.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains(@"SUMMARY:On call: Carol Ångström-Müller\, Jr.\; the on-call lead with a display name long enough to fold 🚨" + "\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains($"UID:primary-carol-20260310T000000Z@{account}.klaxon\r\n", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shifts_with_a_bad_window_are_400_before_the_schedule_is_resolved()
    {
        var (functions, account) = await CreateAsync();

        var result = Content(await functions.Shifts(Request("?from=2026-03-07T00:00:00Z&to=2026-03-01T00:00:00Z"), account, "nosuchschedule", CancellationToken.None));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("""{"status":"invalid","errors":[{"field":"to","message":"must be after from"}]}""", result.Content);
    }
}
