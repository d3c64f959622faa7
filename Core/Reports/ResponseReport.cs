using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Reports;

/// <summary>
/// How fast incidents were answered and who carried the pages, for incidents opened in a period. Computed by
/// <see cref="Compute"/> from the incidents and their pages alone (pure), so the figures can be checked by hand.
/// </summary>
/// <param name="Teams">Per team, over all its integrations; teams by id.</param>
/// <param name="Integrations">Per team and integration; by team, then integration.</param>
/// <param name="People">Pages per person (on-call load), busiest first, then by id.</param>
/// <param name="PagesByChannel">Pages per channel (wire names), over everyone.</param>
public sealed record ResponseReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Team,
    IReadOnlyList<ResponseFigures> Teams,
    IReadOnlyList<ResponseFigures> Integrations,
    IReadOnlyList<PersonLoad> People,
    IReadOnlyDictionary<string, int> PagesByChannel)
{
    /// <summary>"Acknowledged quickly": within 5 minutes of opening, inclusive.</summary>
    public static readonly TimeSpan QuickAcknowledge = TimeSpan.FromMinutes(5);

    /// <summary>Working hours are 08:00 to 18:00 local time, Monday to Friday; a page at any other local time is out of hours.</summary>
    public static readonly TimeOnly WorkStart = new(8, 0);

    /// <inheritdoc cref="WorkStart"/>
    public static readonly TimeOnly WorkEnd = new(18, 0);

    /// <summary>
    /// The report over <paramref name="incidents"/> (those opened in the period, already filtered by team) and the pages
    /// sent for them. Each person's out-of-hours pages are counted in their time zone from <paramref name="config"/>
    /// (UTC for a person no longer in it).
    /// </summary>
    public static ResponseReport Compute(
        ReportPeriod period, IReadOnlyList<ReportIncident> incidents, IReadOnlyList<ReportPage> pages, AccountConfig config)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(config);
        var teams = incidents.GroupBy(i => i.TeamId ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key.Length == 0 ? null : g.Key, null, [.. g])).ToList();
        var integrations = incidents.GroupBy(i => (Team: i.TeamId ?? "", i.IntegrationId))
            .OrderBy(g => g.Key.Team, StringComparer.Ordinal).ThenBy(g => g.Key.IntegrationId, StringComparer.Ordinal)
            .Select(g => Figures(g.Key.Team.Length == 0 ? null : g.Key.Team, g.Key.IntegrationId, [.. g])).ToList();
        var people = pages.GroupBy(p => p.UserId, StringComparer.Ordinal)
            .Select(g => new PersonLoad(
                g.Key,
                g.Count(),
                ByChannel(g),
                g.Count(p => IsOutOfHours(p.At, config.FindUser(g.Key)?.TimeZone ?? UserConfig.DefaultTimeZone))))
            .OrderByDescending(p => p.Pages).ThenBy(p => p.User, StringComparer.Ordinal).ToList();
        return new ResponseReport(period.From, period.To, period.Team, teams, integrations, people, ByChannel(pages));
    }

    /// <summary>Outside 08:00–18:00, Monday to Friday, in <paramref name="timeZone"/> (an IANA id the configuration accepted).</summary>
    public static bool IsOutOfHours(DateTimeOffset at, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || time < WorkStart || time >= WorkEnd;
    }

    /// <summary>The middle value; the mean of the two middle values when there is an even number. Null for none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The nearest-rank 90th percentile: the smallest value with at least 90% of the values at or below it. Null for none.</summary>
    public static double? Percentile90(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
    }

    private static ResponseFigures Figures(string? team, string? integration, IReadOnlyList<ReportIncident> incidents)
    {
        var toAcknowledge = incidents.Where(i => i.AcknowledgedAt is not null).Select(i => Seconds(i.OpenedAt, i.AcknowledgedAt!.Value)).ToList();
        var toResolve = incidents.Where(i => i.ResolvedAt is not null).Select(i => Seconds(i.OpenedAt, i.ResolvedAt!.Value)).ToList();
        var quick = toAcknowledge.Count(s => s <= QuickAcknowledge.TotalSeconds);
        return new ResponseFigures(
            team,
            integration,
            incidents.Count,
            toAcknowledge.Count,
            toResolve.Count,
            Median(toAcknowledge),
            Percentile90(toAcknowledge),
            Median(toResolve),
            Percentile90(toResolve),
            Math.Round((double)quick / incidents.Count, 4));
    }

    /// <summary>Whole seconds from opening; never negative (an acknowledge received before its create counts as at once).</summary>
    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, Math.Round((to - from).TotalSeconds, 3));

    private static IReadOnlyDictionary<string, int> ByChannel(IEnumerable<ReportPage> pages) =>
        new SortedDictionary<string, int>(pages.GroupBy(p => p.Channel).ToDictionary(g => g.Key.ToWire(), g => g.Count()), StringComparer.Ordinal);
}

/// <summary>Response figures for one team, or one team's integration. Times are in seconds; null when no incident got there.</summary>
/// <param name="Incidents">Incidents opened in the period.</param>
/// <param name="Acknowledged">Of them, acknowledged (at any time so far).</param>
/// <param name="Resolved">Of them, resolved.</param>
/// <param name="AcknowledgedWithin5Minutes">Share of <paramref name="Incidents"/> (not of the acknowledged ones) acknowledged within 5 minutes, 0 to 1, four decimals.</param>
public sealed record ResponseFigures(
    string? Team,
    string? Integration,
    int Incidents,
    int Acknowledged,
    int Resolved,
    double? MedianSecondsToAcknowledge,
    double? P90SecondsToAcknowledge,
    double? MedianSecondsToResolve,
    double? P90SecondsToResolve,
    double AcknowledgedWithin5Minutes);

/// <summary>One person's on-call load: pages received, per channel, and how many were out of hours in their time zone.</summary>
public sealed record PersonLoad(string User, int Pages, IReadOnlyDictionary<string, int> ByChannel, int OutOfHours);
