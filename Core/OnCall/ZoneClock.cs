namespace Klaxon.OnCall;

/// <summary>
/// Converts between a schedule's local wall-clock times and instants, with one fixed rule for the local times that
/// DST makes odd: a time that does not exist (the spring-forward gap) moves forward by the length of the gap, so
/// 02:30 on a night that skips 02:00–03:00 becomes 03:30; a time that exists twice (fall-back) takes the first,
/// earlier occurrence.
/// </summary>
/// <remarks>
/// Arithmetic saturates at <see cref="DateTimeOffset.MinValue"/> / <see cref="DateTimeOffset.MaxValue"/> instead of
/// throwing, so odd configurations (a rotation starting in year 1) cannot crash a lookup.
/// </remarks>
internal readonly struct ZoneClock(TimeZoneInfo zone)
{
    // No zone's offset is beyond ±14 h.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The clock for an IANA id the parser accepted; <see cref="TimeZoneInfo"/> caches the lookups.</summary>
    public static ZoneClock For(string timeZoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>The local wall-clock time at <paramref name="instant"/> (Kind Unspecified).</summary>
    public DateTime ToLocal(DateTimeOffset instant)
    {
        var localTicks = instant.UtcTicks + Zone.GetUtcOffset(instant).Ticks;
        return new DateTime(Math.Clamp(localTicks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
    }

    /// <summary>The instant of a local wall-clock time, by the gap and overlap rules above; UTC offset.</summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            // local lies in the gap [T + before, T + after) that the transition at instant T opens. The instant
            // local + 14 h is past T, so (as no zone changes offset twice within a day) it has the offset after the
            // gap; local − after is then just before T, where the offset before still holds. Using that offset puts
            // local (local − (T + before)) after T: the wall clock moved forward by the gap.
            var after = Zone.GetUtcOffset(Instant(local.Ticks + MaxOffset.Ticks));
            offset = Zone.GetUtcOffset(Instant(local.Ticks - after.Ticks - 1));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            // The larger offset gives the earlier instant.
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }
        return Instant(local.Ticks - offset.Ticks);
    }

    /// <summary>A UTC instant from ticks, saturated to the representable range.</summary>
    public static DateTimeOffset Instant(long utcTicks) =>
        new(Math.Clamp(utcTicks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}
