using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Klaxon.Accounts;
using Klaxon.OnCall;

namespace Klaxon.Tests.OnCall;

/// <summary>A random schedule and a query window over it, biased towards DST changes.</summary>
public sealed record ScheduleCase(ScheduleConfig Schedule, DateTimeOffset From, DateTimeOffset To, double Split)
{
    public IReadOnlyList<Shift> Shifts() => ScheduleResolver.Shifts(Schedule, From, To);

    /// <summary>The window's instant at <paramref name="fraction"/> (0..1) of its length.</summary>
    public DateTimeOffset Inside(double fraction) => From + TimeSpan.FromTicks((long)((To - From).Ticks * fraction));

    // Printed when a property fails, so the counterexample can be pasted into a unit test.
    public override string ToString() =>
        $"{Schedule.TimeZone} window {From:O}..{To:O} split {Split.ToString(CultureInfo.InvariantCulture)}\n"
        + string.Join("\n", Schedule.Rotations.Select(r =>
            $"  rotation [{string.Join(",", r.Users)}] from {r.Start:yyyy-MM-ddTHH:mm} every {r.Length} "
            + string.Join(" ", r.Restrictions.Select(w => $"{{{string.Join(",", w.Days.Select(d => d.ToString()[..3]))} {w.Start}-{w.End}}}"))))
        + "\n" + string.Join("\n", Schedule.Overrides.Select(o => $"  override {o.User} {o.Start:O}..{o.End:O}"));
}

/// <summary>FsCheck generators for <see cref="ScheduleCase"/>.</summary>
public static class ScheduleCases
{
    private static readonly string[] Users = ["alice", "bob", "carol", "dave"];

    // Zones with DST both ways, at odd hours, at midnight (Santiago), by 30 minutes (Lord Howe), and without DST.
    private static readonly string[] Zones =
        ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "UTC"];

    // 2026 DST changes of those zones, so that many windows contain one.
    private static readonly DateTimeOffset[] Changes =
    [
        new(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero),
        new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero),
        new(2026, 4, 4, 16, 0, 0, TimeSpan.Zero), new(2026, 10, 3, 16, 0, 0, TimeSpan.Zero),
        new(2026, 4, 5, 3, 0, 0, TimeSpan.Zero), new(2026, 9, 6, 4, 0, 0, TimeSpan.Zero),
    ];

    private static readonly DateTimeOffset Year = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Lengths = ["PT30M", "PT1H", "PT8H", "PT12H", "P1D", "P2D", "P7D", "P1DT6H", "PT90M", "PT24H"];

    public static Arbitrary<ScheduleCase> Cases() => Arb.From(
        from zone in Gen.Elements(Zones)
        from rotations in Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(Rotation, n))
        from start in Gen.Frequency(
            (1, Gen.Choose(0, 364 * 24 * 60).Select(minutes => Year.AddMinutes(minutes))),
            (2, Gen.Elements(Changes).SelectMany(change => Gen.Choose(-3 * 24 * 60, 0).Select(minutes => change.AddMinutes(minutes)))))
        from seconds in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 59)))
        from span in Gen.Choose(1, 14 * 24 * 60)
        from overrideCount in Gen.Choose(0, 3)
        from overrides in Gen.ListOf(Override(start, span), overrideCount)
        from split in Gen.Choose(1, 999)
        select new ScheduleCase(
            new ScheduleConfig("primary", zone, [.. rotations], [.. overrides]),
            start.AddSeconds(seconds),
            start.AddSeconds(seconds).AddMinutes(span),
            split / 1000.0));

    private static Gen<RotationConfig> Rotation =>
        from userCount in Gen.Choose(1, 3)
        from users in Gen.ListOf(Gen.Elements(Users), userCount)
        from day in Gen.Choose(-60, 330)
        from hour in Gen.Choose(0, 23)
        from minute in Gen.Elements(0, 15, 30, 45)
        from length in Gen.Frequency(
            (3, Gen.Elements(Lengths).Select(IsoDuration.Parse)),
            (1, from days in Gen.Choose(0, 3) from minutes in Gen.Choose(days == 0 ? 30 : 0, 36 * 60) select new IsoDuration(days, TimeSpan.FromMinutes(minutes))))
        from windowCount in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from windows in Gen.ListOf(Window, windowCount)
        select new RotationConfig(
            [.. users],
            new DateTime(2026, 1, 1, hour, minute, 0, DateTimeKind.Unspecified).AddDays(day),
            length,
            [.. windows]);

    private static Gen<RestrictionConfig> Window =>
        from days in Gen.Frequency(
            (1, Gen.Constant(RestrictionConfig.EveryDay)),
            (2, Gen.SubListOf(RestrictionConfig.EveryDay.ToArray()).Where(d => d.Count > 0).Select(d => (IReadOnlyList<DayOfWeek>)[.. d])))
        from startSlot in Gen.Choose(0, 47)
        from endSlot in Gen.Choose(0, 47)
        select new RestrictionConfig(days, new TimeOnly(startSlot / 2, startSlot % 2 * 30), new TimeOnly(endSlot / 2, endSlot % 2 * 30));

    private static Gen<OverrideConfig> Override(DateTimeOffset windowStart, int span) =>
        from user in Gen.Elements(Users)
        from offset in Gen.Choose(-24 * 60, span + 24 * 60)
        from length in Gen.Choose(1, 3 * 24 * 60)
        select new OverrideConfig(user, windowStart.AddMinutes(offset), windowStart.AddMinutes(offset + length));
}
