using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Sms;

namespace Klaxon.Tests.Notifications.Sms;

public class SmsTextTests
{
    // "#42 [HIGH] " and " - reply 42a to acknowledge, 42r to resolve": 54 characters, 56 septets around the title
    // ('[' and ']' are in GSM-7's extension table and cost two septets each).
    private const int Fixed42High = 56;

    private static PagedIncident Incident(string title, long number = 42, string urgency = "high") => new("acme", number, title, WireNames.Parse<Urgency>(urgency));

    private static string Tail(long number) => $" - reply {number}a to acknowledge, {number}r to resolve";

    [Fact]
    public void A_page_names_number_urgency_title_and_reply_codes_with_a_gsm_separator()
    {
        var text = SmsText.Page(Incident("Database down"));

        Assert.Equal("#42 [HIGH] Database down - reply 42a to acknowledge, 42r to resolve", text);
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, text.Length + 2, 1), SmsSegments.Measure(text));
        Assert.DoesNotContain("—", text);
    }

    [Theory]
    [InlineData("low", "[LOW]")]
    [InlineData("medium", "[MEDIUM]")]
    [InlineData("high", "[HIGH]")]
    [InlineData("critical", "[CRITICAL]")]
    public void Urgency_is_shown_upper_case(string urgency, string shown)
    {
        Assert.StartsWith($"#7 {shown} Disk full", SmsText.Page(Incident("Disk full", 7, urgency)));
    }

    [Fact]
    public void A_title_that_makes_exactly_160_septets_is_kept_whole()
    {
        var title = new string('x', 160 - Fixed42High);
        var text = SmsText.Page(Incident(title));

        Assert.Equal($"#42 [HIGH] {title}{Tail(42)}", text);
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(text));
    }

    [Fact]
    public void One_septet_more_cuts_the_title_with_three_dots_to_exactly_160()
    {
        var title = new string('x', 161 - Fixed42High);
        var text = SmsText.Page(Incident(title));

        Assert.Equal($"#42 [HIGH] {new string('x', 160 - Fixed42High - 3)}...{Tail(42)}", text);
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(text));
    }

    [Fact]
    public void A_long_title_is_cut_never_the_number_urgency_or_reply_codes()
    {
        var title = string.Join(" ", Enumerable.Repeat("Primary database cluster unreachable from region west", 10));
        var text = SmsText.Page(Incident(title, 987654, "critical"));

        Assert.StartsWith("#987654 [CRITICAL] Primary database", text);
        Assert.EndsWith("... - reply 987654a to acknowledge, 987654r to resolve", text);
        var size = SmsSegments.Measure(text);
        Assert.Equal(SmsEncoding.Gsm7, size.Encoding);
        Assert.Equal(1, size.Segments);
        Assert.InRange(size.Units, 155, 160);
    }

    [Fact]
    public void Extension_characters_count_double_when_fitting()
    {
        var whole = SmsText.Page(Incident(new string('{', (160 - Fixed42High) / 2)));
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(whole));

        var cut = SmsText.Page(Incident(new string('[', 60)));
        var size = SmsSegments.Measure(cut);
        Assert.Equal(1, size.Segments);
        Assert.Contains(new string('[', (160 - Fixed42High - 3) / 2) + "...", cut);
        Assert.EndsWith(Tail(42), cut);
    }

    [Fact]
    public void An_emoji_title_makes_a_ucs2_page_that_fits_70_units()
    {
        var text = SmsText.Page(Incident("🔥 DB down"));

        Assert.Equal("#42 [HIGH] 🔥 DB down" + Tail(42), text);
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, text.Length, 1), SmsSegments.Measure(text));
    }

    [Fact]
    public void A_long_emoji_title_is_cut_to_70_units_with_a_single_ellipsis_character()
    {
        var text = SmsText.Page(Incident("🔥🔥 Database down in every region at once"));

        var size = SmsSegments.Measure(text);
        Assert.Equal(SmsEncoding.Ucs2, size.Encoding);
        Assert.Equal(1, size.Segments);
        Assert.InRange(size.Units, 69, 70);
        Assert.StartsWith("#42 [HIGH] 🔥🔥 ", text);
        Assert.EndsWith("…" + Tail(42), text);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        for (var count = 1; count < 40; count++)
        {
            var text = SmsText.Page(Incident(string.Concat(Enumerable.Repeat("😀", count))));
            AssertWellFormed(text);
            Assert.Equal(1, SmsSegments.Measure(text).Segments);
            Assert.EndsWith(Tail(42), text);
        }
    }

    [Fact]
    public void A_non_gsm_character_past_the_cut_does_not_force_ucs2()
    {
        // The emoji would be cut off anyway, so the page stays GSM-7 and keeps ~100 characters of title.
        var title = new string('x', 120) + " 🔥";
        var text = SmsText.Page(Incident(title));

        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(text));
        Assert.DoesNotContain("🔥", text);
    }

    [Fact]
    public void Typographic_punctuation_becomes_gsm7_so_the_page_keeps_one_160_segment()
    {
        var text = SmsText.Page(Incident("Payments – “checkout” isn’t responding…"));

        Assert.Equal("#42 [HIGH] Payments - \"checkout\" isn't responding..." + Tail(42), text);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(text).Encoding);
    }

    [Fact]
    public void Line_breaks_and_control_characters_in_titles_become_single_spaces()
    {
        Assert.Equal("#42 [HIGH] db down on host-1" + Tail(42), SmsText.Page(Incident("  db\r\n down\t\u0001on   host-1 \n")));
        Assert.Equal("#42 [HIGH]" + Tail(42), SmsText.Page(Incident(" \n ")));
    }

    [Fact]
    public void Random_titles_always_give_one_well_formed_segment_with_the_codes_intact()
    {
        var random = new Random(4242);
        string[] pieces = ["a", "Z", " ", "{", "€", "é", "Δ", "ж", "—", "’", "🔥", "👩‍💻", "e\u0301", "\n", "\u0007", "\ud800", "\udc00", "…"];
        for (var run = 0; run < 500; run++)
        {
            var title = string.Concat(Enumerable.Range(0, random.Next(0, 120)).Select(_ => pieces[random.Next(pieces.Length)]));
            var number = random.Next(1, 99_999);
            var urgency = new[] { "low", "medium", "high", "critical" }[random.Next(4)];
            var text = SmsText.Page(Incident(title, number, urgency));

            AssertWellFormed(text);
            Assert.Equal(1, SmsSegments.Measure(text).Segments);
            Assert.StartsWith($"#{number} [{urgency.ToUpperInvariant()}]", text);
            Assert.EndsWith(Tail(number), text);
        }
    }

    internal static void AssertWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                Assert.True(i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]), $"lone high surrogate at {i} in {text}");
                i++;
            }
            else
            {
                Assert.False(char.IsLowSurrogate(text[i]), $"lone low surrogate at {i} in {text}");
            }
        }
    }
}
