using Klaxon.Accounts;

namespace Klaxon.Tests.Accounts;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P7D", 7, 0L, "P7D")]
    [InlineData("P1W", 7, 0L, "P7D")]
    [InlineData("P1W2D", 9, 0L, "P9D")]
    [InlineData("PT12H", 0, 12 * TimeSpan.TicksPerHour, "PT12H")]
    [InlineData("P1DT2H30M", 1, 2 * TimeSpan.TicksPerHour + 30 * TimeSpan.TicksPerMinute, "P1DT2H30M")]
    [InlineData("PT0S", 0, 0L, "PT0S")]
    [InlineData("P0D", 0, 0L, "PT0S")]
    [InlineData("PT2.5S", 0, 25_000_000L, "PT2.5S")]
    [InlineData("PT2,5S", 0, 25_000_000L, "PT2.5S")]
    [InlineData("PT0.0000001S", 0, 1L, "PT0.0000001S")]
    [InlineData("PT90M", 0, 90 * TimeSpan.TicksPerMinute, "PT1H30M")]
    [InlineData("PT36H", 0, 36 * TimeSpan.TicksPerHour, "PT36H")]
    [InlineData("PT3600S", 0, TimeSpan.TicksPerHour, "PT1H")]
    [InlineData("PT1H0M5S", 0, TimeSpan.TicksPerHour + 5 * TimeSpan.TicksPerSecond, "PT1H5S")]
    [InlineData("P007D", 7, 0L, "P7D")]
    public void Parses_and_formats_canonically(string text, int days, long timeTicks, string canonical)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration, out var error), error);

        Assert.Equal("", error);
        Assert.Equal(days, duration.Days);
        Assert.Equal(TimeSpan.FromTicks(timeTicks), duration.Time);
        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(duration, IsoDuration.Parse(duration.ToString()));
    }

    [Theory]
    [InlineData(null, "must be an ISO 8601 duration")]
    [InlineData("", "must be an ISO 8601 duration")]
    [InlineData("P", "must be an ISO 8601 duration")]
    [InlineData("PT", "must be an ISO 8601 duration")]
    [InlineData("P1DT", "must be an ISO 8601 duration")]
    [InlineData("7D", "must be an ISO 8601 duration")]
    [InlineData("PT5", "must be an ISO 8601 duration")]
    [InlineData("pt5m", "must be an ISO 8601 duration")]
    [InlineData(" PT5M", "must be an ISO 8601 duration")]
    [InlineData("PT5M ", "must be an ISO 8601 duration")]
    [InlineData("PT.5S", "must be an ISO 8601 duration")]
    [InlineData("PT5.S", "must be an ISO 8601 duration")]
    [InlineData("P1DT2HT3M", "must be an ISO 8601 duration")]
    [InlineData("PT5M1H", "in the order W, D, T, H, M, S")]
    [InlineData("P1D1W", "in the order W, D, T, H, M, S")]
    [InlineData("P1D2D", "in the order W, D, T, H, M, S")]
    [InlineData("P1H", "in the order W, D, T, H, M, S")]
    [InlineData("PT1D", "in the order W, D, T, H, M, S")]
    [InlineData("P1Y", "must not use years or months")]
    [InlineData("P1M", "use days or weeks instead")]
    [InlineData("P1Y2M3D", "must not use years or months")]
    [InlineData("-PT5M", "must not be negative")]
    [InlineData("P-1D", "must be an ISO 8601 duration")]
    [InlineData("PT1.5H", "may only have a fraction on the seconds")]
    [InlineData("P1.5D", "may only have a fraction on the seconds")]
    [InlineData("PT0.12345678S", "more than 7 fractional digits")]
    [InlineData("P99999999999999999999D", "is too large")]
    [InlineData("P10675200D", "is too large")]
    [InlineData("PT9999999999999999H", "is too large")]
    public void Rejects_with_a_message_naming_the_rule(string? text, string rule)
    {
        Assert.False(IsoDuration.TryParse(text, out var duration, out var error));

        Assert.Contains(rule, error, StringComparison.Ordinal);
        Assert.Equal(IsoDuration.Zero, duration);
    }

    [Fact]
    public void Largest_duration_that_fits_a_timespan_parses()
    {
        Assert.True(IsoDuration.TryParse("P10675199D", out var duration, out _));

        Assert.Equal(TimeSpan.FromDays(10675199), duration.ApproximateTimeSpan);
    }

    [Fact]
    public void Calendar_days_and_exact_hours_are_different_values()
    {
        Assert.NotEqual(IsoDuration.Parse("P1D"), IsoDuration.Parse("PT24H"));
        Assert.Equal(IsoDuration.Parse("P1D").ApproximateTimeSpan, IsoDuration.Parse("PT24H").ApproximateTimeSpan);
        Assert.Equal(IsoDuration.Parse("P7D"), IsoDuration.Parse("P1W"));
    }

    [Fact]
    public void Approximate_timespan_counts_days_as_24_hours()
    {
        Assert.Equal(TimeSpan.FromHours(26.5), IsoDuration.Parse("P1DT2H30M").ApproximateTimeSpan);
    }

    [Fact]
    public void Zero()
    {
        Assert.True(default(IsoDuration).IsZero);
        Assert.Equal("PT0S", default(IsoDuration).ToString());
        Assert.True(IsoDuration.Parse("PT0S").IsZero);
        Assert.False(IsoDuration.Parse("PT0.0000001S").IsZero);
        Assert.False(IsoDuration.Parse("P1D").IsZero);
    }

    [Fact]
    public void Parse_throws_format_exception_with_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse("P1M"));

        Assert.Contains("years or months", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_rejects_negative_and_oversized_parts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(-1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(0, TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoDuration(1, TimeSpan.MaxValue));
    }

    [Fact]
    public void Factories_build_the_expected_parts()
    {
        Assert.Equal(new IsoDuration(3, TimeSpan.Zero), IsoDuration.FromDays(3));
        Assert.Equal("PT2M", IsoDuration.FromTime(TimeSpan.FromMinutes(2)).ToString());
    }
}
