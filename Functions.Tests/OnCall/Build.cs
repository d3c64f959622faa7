using System.Globalization;
using Klaxon.Accounts;
using Klaxon.OnCall;

namespace Klaxon.Tests.OnCall;

/// <summary>Terse construction of schedules and instants for the on-call tests.</summary>
internal static class Build
{
    public const string NewYork = "America/New_York";
    public const string Berlin = "Europe/Berlin";

    /// <summary>An instant written with an offset or Z, e.g. <c>2026-03-08T09:00:00-04:00</c>.</summary>
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture).ToUniversalTime();

    public static RotationConfig Rotation(string start, string length, params string[] users) =>
        new(users, DateTime.ParseExact(start, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), IsoDuration.Parse(length));

    public static RotationConfig Only(this RotationConfig rotation, params RestrictionConfig[] windows) =>
        rotation with { Restrictions = windows };

    /// <summary>A restriction window; no days means every day.</summary>
    public static RestrictionConfig Window(string start, string end, params DayOfWeek[] days) => new(
        days.Length == 0 ? RestrictionConfig.EveryDay : days,
        TimeOnly.ParseExact(start, "HH:mm", CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture));

    public static DayOfWeek[] Weekdays => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static OverrideConfig Override(string user, string start, string end) => new(user, At(start), At(end));

    public static ScheduleConfig Schedule(string zone, params RotationConfig[] rotations) => new("primary", zone, rotations, []);

    public static ScheduleConfig With(this ScheduleConfig schedule, params OverrideConfig[] overrides) =>
        schedule with { Overrides = overrides };

    /// <summary>The local wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>, as <c>yyyy-MM-dd HH:mm</c>.</summary>
    public static string Local(this DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Shifts as <c>user start..end</c> in UTC, for readable whole-list assertions.</summary>
    public static string[] Describe(this IEnumerable<Shift> shifts) =>
        [.. shifts.Select(s => $"{s.User} {s.Start.UtcDateTime:yyyy-MM-dd HH:mm}..{s.End.UtcDateTime:yyyy-MM-dd HH:mm}")];

    public static string? OnCall(this ScheduleConfig schedule, DateTimeOffset at) =>
        ScheduleResolver.OnCallAt(schedule, at) is [var user] ? user : null;
}
