namespace Klaxon.Accounts;

/// <summary>What a maintenance window covers: one team's incidents, or one integration's.</summary>
public enum MaintenanceScope
{
    Team,
    Integration,
}

/// <summary>How often a scheduled maintenance window comes back.</summary>
public enum MaintenanceRepeat
{
    /// <summary>Once, from start to end. The default.</summary>
    None,

    /// <summary>Every week at the same local times, from the first occurrence on.</summary>
    Weekly,
}

/// <summary>
/// A scheduled maintenance window in the account document (<c>$.maintenance[i]</c>). While it is on, incidents of its
/// team or integration are recorded but page nobody (see <c>Klaxon.Maintenance.MaintenanceCalendar</c>).
/// </summary>
/// <param name="Id">Unique within the account's windows ignoring case.</param>
/// <param name="TargetId">The team or integration id, by <paramref name="Scope"/>.</param>
/// <param name="Start">Local wall-clock time in <paramref name="TimeZone"/> (Kind Unspecified), like rotation starts, so a weekly window stays at its local hour across DST.</param>
/// <param name="End">Local, after <paramref name="Start"/>; for a weekly window less than 7 days after it.</param>
/// <param name="TimeZone">IANA id; required.</param>
/// <param name="Reason">Shown on the timeline; optional.</param>
public sealed record MaintenanceWindowConfig(
    string Id,
    MaintenanceScope Scope,
    string TargetId,
    DateTime Start,
    DateTime End,
    string TimeZone,
    MaintenanceRepeat Repeat = MaintenanceRepeat.None,
    string? Reason = null);
