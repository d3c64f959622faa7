using Klaxon.Notifications.Sms;

namespace Klaxon.Tests.Notifications.Sms;

public class SmsSegmentsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_is_160_septets_in_one_segment_and_153_per_part(int length, int segments)
    {
        var size = SmsSegments.Measure(new string('a', length));
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, length, segments), size);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Ucs2_is_70_units_in_one_segment_and_67_per_part(int length, int segments)
    {
        var size = SmsSegments.Measure("ж" + new string('a', length - 1));
        Assert.Equal(new SmsSize(SmsEncoding.Ucs2, length, segments), size);
    }

    [Fact]
    public void Extension_characters_count_two_septets()
    {
        Assert.Equal(new SmsSize(SmsEncoding.Gsm7, 160, 1), SmsSegments.Measure(new string('{', 80)));
        Assert.Equal(2, SmsSegments.Measure(new string('{', 81)).Segments);
        foreach (var c in "{}[]~^|\\€")
        {
            Assert.Equal(2, SmsSegments.Septets(c));
        }
        Assert.Equal(1, SmsSegments.Septets('é'));
        Assert.Equal(1, SmsSegments.Septets('Δ'));
    }

    [Fact]
    public void An_escape_sequence_is_not_split_across_parts()
    {
        // 152 + 2 + 151 = 305 septets: the escape pair starts part two, which then holds exactly 153.
        Assert.Equal(2, SmsSegments.Measure(new string('a', 152) + "{" + new string('a', 151)).Segments);
        // One more septet would fit 2 × 153 if the pair could be split; it cannot, so three parts.
        Assert.Equal(3, SmsSegments.Measure(new string('a', 152) + "{" + new string('a', 152)).Segments);
    }

    [Fact]
    public void A_surrogate_pair_is_not_split_across_parts()
    {
        Assert.Equal(2, SmsSegments.Measure(new string('a', 66) + "🔥" + new string('a', 65)).Segments);
        Assert.Equal(3, SmsSegments.Measure(new string('a', 66) + "🔥" + new string('a', 66)).Segments);
    }

    [Theory]
    [InlineData("—")]
    [InlineData("…")]
    [InlineData("`")]
    [InlineData("🔥")]
    [InlineData("’")]
    public void Characters_outside_gsm7_make_the_message_ucs2(string text)
    {
        Assert.False(SmsSegments.IsGsm7("Database down " + text));
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Measure(text).Encoding);
    }
}
