using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Sms;

namespace Klaxon.Tests.Notifications.Sms;

public class SmsSummaryTextTests
{
    private const string Tail = " - reply <n>a to acknowledge, <n>r to resolve";

    private static PagedIncident[] Incidents(int count, Func<int, string> title, int first = 43) =>
        [.. Enumerable.Range(0, count).Select(i => new PagedIncident("acme", first + i, title(i), i % 2 == 0 ? Urgency.High : Urgency.Low))];

    [Fact]
    public void A_short_summary_lists_every_page_newest_first_in_one_segment()
    {
        var text = SmsText.Summary([new("acme", 44, "disk full", Urgency.Low), new("acme", 43, "db down", Urgency.High)]);

        Assert.Equal("Klaxon: 2 pages held back: #44 [LOW] disk full; #43 [HIGH] db down" + Tail, text);
        Assert.Equal(1, SmsSegments.Measure(text).Segments);
    }

    [Fact]
    public void Titles_are_cut_before_the_summary_takes_another_segment()
    {
        var text = SmsText.Summary(Incidents(2, i => $"Replica {i} lagging behind primary by more than ten minutes"));

        Assert.Equal(1, SmsSegments.Measure(text).Segments);
        Assert.Contains("#43 [HIGH] Replica 0 lagging", text);
        Assert.Contains("...; #44 [LOW] Replica 1 lagging", text);
        Assert.EndsWith("..." + Tail, text);
    }

    [Fact]
    public void When_titles_would_drop_below_the_minimum_the_summary_uses_more_segments()
    {
        var titles = Enumerable.Range(0, 4).Select(i => $"Service {i} returns errors for most requests in region west").ToArray();
        var text = SmsText.Summary(Incidents(4, i => titles[i]));

        var size = SmsSegments.Measure(text);
        Assert.Equal(SmsEncoding.Gsm7, size.Encoding);
        Assert.Equal(2, size.Segments);
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains($"#{43 + i} [{(i % 2 == 0 ? "HIGH" : "LOW")}] {titles[i][..SmsText.MinSummaryTitle]}", text);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(200)]
    public void Every_number_is_kept_within_ten_segments(int count)
    {
        var text = SmsText.Summary(Incidents(count, i => $"Queue {i} is backing up with {i * 1000} messages waiting for a consumer", first: 1000));

        Assert.StartsWith($"Klaxon: {count} pages held back: #1000", text);
        Assert.EndsWith(Tail, text);
        Assert.InRange(SmsSegments.Measure(text).Segments, 1, SmsText.MaxSegments);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var at = text.IndexOf($"#{1000 + i}", position, StringComparison.Ordinal);
            Assert.True(at >= position, $"#{1000 + i} missing or out of order");
            position = at + 1;
        }
    }

    [Fact]
    public void Beyond_what_ten_segments_hold_the_rest_is_counted()
    {
        var text = SmsText.Summary(Incidents(400, i => "x", first: 100_000));

        Assert.InRange(SmsSegments.Measure(text).Segments, 1, SmsText.MaxSegments);
        Assert.Matches(@" and \d+ more - reply <n>a", text);
        Assert.Contains("#100000, #100001", text);
    }

    [Fact]
    public void A_summary_with_an_emoji_is_ucs2_and_its_cuts_use_one_ellipsis_character()
    {
        var text = SmsText.Summary([new("acme", 44, "🔥 checkout failing for everyone", Urgency.Critical), new("acme", 43, "db slow", Urgency.Low)]);

        var size = SmsSegments.Measure(text);
        Assert.Equal(SmsEncoding.Ucs2, size.Encoding);
        Assert.Contains("#44 [CRITICAL] 🔥", text);
        Assert.Contains("#43 [LOW] db slow", text);
        Assert.EndsWith(Tail, text);
        Assert.DoesNotContain("...", text);
        SmsTextTests.AssertWellFormed(text);
    }
}
