using System.Text.Json.Nodes;
using System.Text;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Push;
using Klaxon.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Push;

public class PushPayloadTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_page_names_the_incident_and_carries_signed_acknowledge_and_resolve_links()
    {
        var links = Links();

        var payload = JsonNode.Parse(PushPayload.Create(Page(("acme", 42, "Database down", "high")), links))!;

        Assert.Equal("#42 [HIGH] Database down", (string?)payload["title"]);
        Assert.Equal("Database down\nacme · high urgency", (string?)payload["body"]);
        Assert.Equal("klaxon-acme-42", (string?)payload["tag"]);
        Assert.True((bool)payload["requireInteraction"]!);
        Assert.Equal("""{"account":"acme","number":42,"urgency":"high","title":"Database down"}""", payload["incident"]!.ToJsonString());
        var actions = payload["actions"]!.AsArray();
        Assert.Equal(["acknowledge", "resolve"], actions.Select(a => (string)a!["action"]!));
        Assert.Equal(["Acknowledge", "Resolve"], actions.Select(a => (string)a!["title"]!));
        var verified = actions.Select(a =>
        {
            var url = (string)a!["url"]!;
            Assert.StartsWith("https://klaxon.example.test/actions?t=", url, StringComparison.Ordinal);
            Assert.True(links.TryVerify(url[(url.IndexOf('=') + 1)..], out var action, out var error), error);
            return action!;
        }).ToList();
        Assert.Equal([IncidentActionKind.Acknowledge, IncidentActionKind.Resolve], verified.Select(v => v.Action));
        Assert.All(verified, v => Assert.Equal(("acme", 42L, "alice", "push"), (v.AccountId, v.Number, v.UserId, v.Channel)));
    }

    [Fact]
    public void Without_action_links_configured_there_are_no_buttons()
    {
        var payload = JsonNode.Parse(PushPayload.Create(Page(("acme", 7, "Disk full", "low")), Links(signingKey: null)))!;

        Assert.Empty(payload["actions"]!.AsArray());
        Assert.False((bool)payload["requireInteraction"]!);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("é")]
    [InlineData("🔥")]
    public void A_ten_kilobyte_title_is_cut_to_fit_the_push_size_limit(string unit)
    {
        var title = string.Concat(Enumerable.Repeat(unit, 10_000 / Encoding.UTF8.GetByteCount(unit)));

        var json = PushPayload.Create(Page(("acme", 42, title, "critical")), Links());

        Assert.True(Encoding.UTF8.GetByteCount(json) <= PushPayload.MaxBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
        var payload = JsonNode.Parse(json)!;
        var headline = (string)payload["title"]!;
        Assert.StartsWith("#42 [CRITICAL] " + unit, headline, StringComparison.Ordinal);
        Assert.EndsWith("…", headline, StringComparison.Ordinal);
        // Cut between characters: no half of a surrogate pair survives to become U+FFFD in the browser.
        Assert.Equal(headline, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Encoding.UTF8.GetBytes(headline)));
        Assert.Equal(2, payload["actions"]!.AsArray().Count);
    }

    [Fact]
    public void A_summary_lists_the_newest_incidents_and_counts_the_rest()
    {
        var incidents = Enumerable.Range(1, 30).Reverse().Select(n => ("acme", (long)n, new string('t', 10_000), n % 2 == 0 ? "high" : "low")).ToArray();

        var json = PushPayload.Create(Page(incidents), Links());

        Assert.True(Encoding.UTF8.GetByteCount(json) <= PushPayload.MaxBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
        var payload = JsonNode.Parse(json)!;
        Assert.Equal("30 incidents need you", (string?)payload["title"]);
        Assert.Equal("klaxon-summary", (string?)payload["tag"]);
        Assert.Null(payload["incident"]);
        Assert.Equal(Enumerable.Range(23, 8).Reverse().Select(n => (long)n), payload["incidents"]!.AsArray().Select(i => (long)i!["number"]!));
        Assert.EndsWith("\nand 22 more", (string)payload["body"]!, StringComparison.Ordinal);
        Assert.StartsWith("#30 [HIGH] ttt", (string)payload["body"]!, StringComparison.Ordinal);
        Assert.Empty(payload["actions"]!.AsArray());
    }

    [Fact]
    public void The_topic_is_per_incident_and_absent_for_summaries()
    {
        var first = PushPayload.Topic(Page(("acme", 42, "a", "high")));

        Assert.Matches("^[A-Za-z0-9_-]{32}$", first);
        Assert.Equal(first, PushPayload.Topic(Page(("acme", 42, "another title", "low"))));
        Assert.NotEqual(first, PushPayload.Topic(Page(("acme", 43, "a", "high"))));
        Assert.NotEqual(first, PushPayload.Topic(Page(("other", 42, "a", "high"))));
        Assert.Null(PushPayload.Topic(Page(("acme", 42, "a", "high"), ("acme", 41, "b", "high"))));
    }

    private static OutgoingPage Page(params (string Account, long Number, string Title, string Urgency)[] incidents) =>
        new("job-1", incidents[0].Account, "alice", "Alice", NotificationChannel.Push, "",
            [.. incidents.Select(i => new PagedIncident(i.Account, i.Number, i.Title, WireNames.Parse<Urgency>(i.Urgency)))]);

    private static ActionLinks Links(string? signingKey = "test-signing-key-test-signing-key-0123456789") => new(
        Options.Create(new NotificationsOptions { EmailLinks = new EmailLinksOptions { SigningKey = signingKey } }),
        Options.Create(new KlaxonOptions { PublicBaseUrl = "https://klaxon.example.test" }),
        Clock);
}
