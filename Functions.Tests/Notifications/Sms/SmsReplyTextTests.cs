using Klaxon.Incidents;
using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Tests.Notifications.Sms;

public class SmsReplyTextTests
{
    [Fact]
    public void Short_titles_are_quoted_whole()
    {
        Assert.Equal("Acknowledging #42 (Database down).", SmsReplyText.Acting(IncidentActionKind.Acknowledge, 42, "Database down"));
        Assert.Equal("Resolving #7 (a b).", SmsReplyText.Acting(IncidentActionKind.Resolve, 7, "  a\n\tb "));
        Assert.Equal("Resolving #7.", SmsReplyText.Acting(IncidentActionKind.Resolve, 7, "   "));
    }

    [Fact]
    public void A_long_gsm_title_is_cut_to_160_characters()
    {
        var reply = SmsReplyText.Acting(IncidentActionKind.Acknowledge, 9_999_999_999, new string('x', 300));

        Assert.Equal(160, reply.Length);
        Assert.StartsWith("Acknowledging #9999999999 (xxx", reply, StringComparison.Ordinal);
        Assert.EndsWith("x...).", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Extension_characters_count_twice()
    {
        var reply = SmsReplyText.Acting(IncidentActionKind.Resolve, 1, new string('{', 200));

        // "Resolving #1 (" and "...)." take 19 septets; each brace takes 2, so 70 of them fit (159) and 71 would not.
        Assert.Equal("Resolving #1 (" + new string('{', 70) + "...).", reply);
        Assert.True(SmsReplyText.FitsOneSegment(reply));
        Assert.False(SmsReplyText.FitsOneSegment("Resolving #1 (" + new string('{', 71) + "...)."));
    }

    [Fact]
    public void A_title_outside_gsm_makes_the_limit_70_and_is_not_cut_inside_an_emoji()
    {
        var reply = SmsReplyText.Acting(IncidentActionKind.Acknowledge, 42, "🔥 " + new string('x', 30) + "🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥");

        Assert.True(reply.Length <= 70, reply);
        Assert.EndsWith("...).", reply, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, reply.Length), i =>
            Assert.False(char.IsHighSurrogate(reply[i]) && (i + 1 == reply.Length || !char.IsLowSurrogate(reply[i + 1]))));
    }

    [Fact]
    public void Every_fixed_text_fits_one_segment()
    {
        Assert.All(
            [SmsReplyText.Help, SmsReplyText.NotOnRota, SmsReplyText.AlreadyResolved(9_999_999_999), SmsReplyText.NotFound(9_999_999_999), SmsReplyText.NotPaged(9_999_999_999)],
            text => Assert.True(SmsReplyText.FitsOneSegment(text), text));
    }
}
