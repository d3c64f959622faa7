using Klaxon.Accounts;
using Klaxon.OnCall;

namespace Klaxon.Maintenance;

/// <summary>
/// Decides whether a team's or integration's incidents are in maintenance at an instant. Pure: scheduled windows come
/// from the account document, ad hoc ones from storage, and the instant from the caller's clock. Windows are half-open,
/// <c>[start, end)</c>. Local times follow the schedules' DST rules (<see cref="ZoneClock"/>): a start or end in the
/// spring-forward gap moves forward by the gap, one in the fall-back hour takes its first occurrence.
/// </summary>
public static class MaintenanceCalendar
{
    /// <summary>Windows that follow on from one another are joined into one run of at most this many, so a run always ends.</summary>
    public const int MaxJoined = 64;

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>
    /// The maintenance covering <paramref name="at"/> for an incident of <paramref name="teamId"/> opened through
    /// <paramref name="integrationId"/> (either may be null), or null when none does.
    /// </summary>
    public static MaintenanceCover? CoverAt(
        IReadOnlyList<MaintenanceWindowConfig> scheduled, IReadOnlyList<AdHocMaintenance> adHoc, string? teamId, string? integrationId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(scheduled);
        ArgumentNullException.ThrowIfNull(adHoc);
        if (Covering(scheduled, adHoc, teamId, integrationId, at) is not { } first)
        {
            return null;
        }
        var until = first.End;
        for (var joined = 1; joined < MaxJoined && Covering(scheduled, adHoc, teamId, integrationId, until) is { } next; joined++)
        {
            until = next.End;
        }
        return new MaintenanceCover(until, first.Description);
    }

    /// <summary>The occurrence of a scheduled window that contains <paramref name="at"/>, or null.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? OccurrenceAt(MaintenanceWindowConfig window, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(window);
        var clock = ZoneClock.For(window.TimeZone);
        if (window.Repeat == MaintenanceRepeat.None)
        {
            var (start, end) = (clock.ToInstant(window.Start), clock.ToInstant(window.End));
            return start <= at && at < end ? (start, end) : null;
        }
        // Weeks between the first local start and the local time now; a DST shift can put the occurrence one either
        // side, and a window shorter than a week means at most one of them contains the instant.
        var weeks = (long)Math.Floor((clock.ToLocal(at) - window.Start).Ticks / (double)Week.Ticks);
        for (var k = weeks - 1; k <= weeks + 1; k++)
        {
            if (k < 0)
            {
                continue;
            }
            // Occurrences past the end of the calendar do not exist (k is at most ~522,000 weeks, so this cannot overflow).
            if (window.Start.Ticks > DateTime.MaxValue.Ticks - (Week.Ticks * (k + 1)))
            {
                return null;
            }
            var shift = TimeSpan.FromTicks(Week.Ticks * k);
            var (start, end) = (clock.ToInstant(window.Start + shift), clock.ToInstant(window.End + shift));
            if (start <= at && at < end)
            {
                return (start, end);
            }
        }
        return null;
    }

    /// <summary>The window covering the instant that ends last (so the run is found in as few steps as possible).</summary>
    private static (DateTimeOffset End, string Description)? Covering(
        IReadOnlyList<MaintenanceWindowConfig> scheduled, IReadOnlyList<AdHocMaintenance> adHoc, string? teamId, string? integrationId, DateTimeOffset at)
    {
        (DateTimeOffset End, string Description)? best = null;
        foreach (var window in scheduled)
        {
            if (Applies(window.Scope, window.TargetId, teamId, integrationId) && OccurrenceAt(window, at) is { } occurrence
                && (best is null || occurrence.End > best.Value.End))
            {
                best = (occurrence.End, Describe($"window '{window.Id}'", window.Scope, window.TargetId, window.Reason));
            }
        }
        foreach (var window in adHoc)
        {
            if (Applies(window.Scope, window.TargetId, teamId, integrationId) && window.StartAt <= at && at < window.EndAt
                && (best is null || window.EndAt > best.Value.End))
            {
                best = (window.EndAt, Describe($"ad hoc window started by {window.StartedBy}", window.Scope, window.TargetId, window.Reason));
            }
        }
        return best;
    }

    private static bool Applies(MaintenanceScope scope, string targetId, string? teamId, string? integrationId) => scope switch
    {
        MaintenanceScope.Team => teamId is not null && string.Equals(targetId, teamId, StringComparison.Ordinal),
        _ => integrationId is not null && string.Equals(targetId, integrationId, StringComparison.Ordinal),
    };

    private static string Describe(string what, MaintenanceScope scope, string targetId, string? reason) =>
        $"{what} for {(scope == MaintenanceScope.Team ? "team" : "integration")} {targetId}" + (string.IsNullOrEmpty(reason) ? "" : $" ({reason})");
}
