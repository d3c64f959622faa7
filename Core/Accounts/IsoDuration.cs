using System.Globalization;
using System.Text;

namespace Klaxon.Accounts;

/// <summary>
/// An ISO 8601 duration limited to weeks/days and hours/minutes/seconds, e.g. <c>P7D</c>, <c>P1W</c>,
/// <c>PT12H</c>, <c>P1DT2H30M</c>, <c>PT0S</c>, <c>PT2.5S</c>. Never negative. <c>default</c> is <c>PT0S</c>.
/// </summary>
/// <remarks>
/// The calendar part (<see cref="Days"/>, weeks counted as 7 days) is kept apart from the exact part
/// (<see cref="Time"/>) on purpose: <c>P1D</c> is meant as "the same local wall-clock time the next day",
/// which is 23 or 25 hours across a DST change, while <c>PT24H</c> is exactly 24 elapsed hours. So
/// <c>P1D</c> and <c>PT24H</c> are not equal; <c>P1W</c> equals <c>P7D</c> and <c>PT90M</c> equals <c>PT1H30M</c>.
/// Years and months are rejected because their length varies too much to be useful for paging.
/// </remarks>
public readonly record struct IsoDuration
{
    private const string Example = "such as PT5M, PT12H, P1D, P1W or P1DT2H30M";

    /// <summary>Creates a duration; both parts must be non-negative and their sum must fit a <see cref="TimeSpan"/>.</summary>
    public IsoDuration(int days, TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        // Guarantees ApproximateTimeSpan can never overflow.
        if ((Int128)days * TimeSpan.TicksPerDay + time.Ticks > TimeSpan.MaxValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(days), "The duration does not fit a TimeSpan.");
        }
        Days = days;
        Time = time;
    }

    /// <summary>The calendar part in days (weeks are counted as 7 days). Default 0.</summary>
    public int Days { get; }

    /// <summary>The exact elapsed-time part (hours, minutes, seconds). Default zero.</summary>
    public TimeSpan Time { get; }

    /// <summary><c>PT0S</c>.</summary>
    public static IsoDuration Zero => default;

    /// <summary>True for <c>PT0S</c> (and <c>P0D</c>, which is the same value).</summary>
    public bool IsZero => Days == 0 && Time == TimeSpan.Zero;

    /// <summary>
    /// Days counted as exactly 24 hours plus <see cref="Time"/>. Only for validation and comparisons
    /// ("at least one second"); scheduling must treat <see cref="Days"/> as calendar days.
    /// </summary>
    public TimeSpan ApproximateTimeSpan => TimeSpan.FromTicks(Days * TimeSpan.TicksPerDay + Time.Ticks);

    /// <summary>A duration of whole calendar days.</summary>
    public static IsoDuration FromDays(int days) => new(days, TimeSpan.Zero);

    /// <summary>A duration of exact elapsed time.</summary>
    public static IsoDuration FromTime(TimeSpan time) => new(0, time);

    /// <summary>Parses or throws <see cref="FormatException"/>; for trusted input such as stored documents.</summary>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException($"'{text}' {error}");

    /// <summary>
    /// Parses <c>P[nW][nD][T[nH][nM][n[.f]S]]</c>: upper-case designators, components in that order, at least
    /// one component, fractions (up to 7 digits, '.' or ',') only on seconds. On failure
    /// <paramref name="error"/> is a message phrased to follow a field name ("must be ..."); on success it is empty.
    /// </summary>
    public static bool TryParse(string? text, out IsoDuration duration, out string error)
    {
        duration = default;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = $"must be an ISO 8601 duration {Example}";
            return false;
        }
        if (text[0] == '-')
        {
            error = "must not be negative";
            return false;
        }
        if (text[0] != 'P' || text.Length == 1)
        {
            error = $"must be an ISO 8601 duration {Example} (got '{text}')";
            return false;
        }

        // Designators in the only allowed order; each may appear once.
        const string order = "WDHMS";
        var lastRank = -1;
        var inTime = false;
        long days = 0;
        Int128 timeTicks = 0;
        var pos = 1;
        while (pos < text.Length)
        {
            if (text[pos] == 'T')
            {
                if (inTime || pos == text.Length - 1)
                {
                    error = $"must be an ISO 8601 duration {Example} (got '{text}')";
                    return false;
                }
                inTime = true;
                pos++;
                continue;
            }

            var intStart = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            var integerDigits = text[intStart..pos];
            var fractionDigits = "";
            if (pos < text.Length && text[pos] is '.' or ',')
            {
                var fractionStart = ++pos;
                while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                fractionDigits = text[fractionStart..pos];
                if (fractionDigits.Length == 0)
                {
                    error = $"must be an ISO 8601 duration {Example} (got '{text}')";
                    return false;
                }
            }
            if (integerDigits.Length == 0 || pos == text.Length)
            {
                error = $"must be an ISO 8601 duration {Example} (got '{text}')";
                return false;
            }

            var designator = text[pos++];
            if (!inTime && designator is 'Y' or 'M')
            {
                error = "must not use years or months, whose length varies; use days or weeks instead (e.g. P30D or P4W)";
                return false;
            }
            var rank = inTime
                ? designator switch { 'H' => 2, 'M' => 3, 'S' => 4, _ => -1 }
                : designator switch { 'W' => 0, 'D' => 1, _ => -1 };
            if (rank < 0 || rank <= lastRank)
            {
                error = $"must be an ISO 8601 duration {Example}, with components in the order W, D, T, H, M, S (got '{text}')";
                return false;
            }
            lastRank = rank;
            if (fractionDigits.Length > 0 && order[rank] != 'S')
            {
                error = "may only have a fraction on the seconds (e.g. PT2.5S or PT90M instead of PT1.5H)";
                return false;
            }
            if (fractionDigits.Length > 7)
            {
                error = "must not have more than 7 fractional digits of seconds";
                return false;
            }
            // 18 digits always fit a long; anything longer is far beyond the TimeSpan range anyway.
            if (integerDigits.Length > 18)
            {
                error = "is too large";
                return false;
            }

            var value = long.Parse(integerDigits, NumberStyles.None, CultureInfo.InvariantCulture);
            switch (order[rank])
            {
                case 'W': days += value * 7; break;
                case 'D': days += value; break;
                case 'H': timeTicks += (Int128)value * TimeSpan.TicksPerHour; break;
                case 'M': timeTicks += (Int128)value * TimeSpan.TicksPerMinute; break;
                default:
                    timeTicks += (Int128)value * TimeSpan.TicksPerSecond
                        + long.Parse(fractionDigits.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
            }
            if (days > int.MaxValue || (Int128)days * TimeSpan.TicksPerDay + timeTicks > TimeSpan.MaxValue.Ticks)
            {
                error = "is too large";
                return false;
            }
        }

        duration = new IsoDuration((int)days, TimeSpan.FromTicks((long)timeTicks));
        return true;
    }

    /// <summary>
    /// The canonical form: days as <c>nD</c> (never weeks), the time part as whole hours (may exceed 23),
    /// minutes and seconds with at most 7 fraction digits, zero components left out, and <c>PT0S</c> for zero.
    /// </summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }
        var text = new StringBuilder("P");
        if (Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Days}D");
        }
        if (Time > TimeSpan.Zero)
        {
            text.Append('T');
            var hours = Time.Ticks / TimeSpan.TicksPerHour;
            var minutes = Time.Ticks / TimeSpan.TicksPerMinute % 60;
            var seconds = Time.Ticks / TimeSpan.TicksPerSecond % 60;
            var fraction = Time.Ticks % TimeSpan.TicksPerSecond;
            if (hours > 0) text.Append(CultureInfo.InvariantCulture, $"{hours}H");
            if (minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{minutes}M");
            if (seconds > 0 || fraction > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{seconds}");
                if (fraction > 0)
                {
                    text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
                }
                text.Append('S');
            }
        }
        return text.ToString();
    }
}
