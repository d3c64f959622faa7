namespace Klaxon.Maintenance;

/// <summary>
/// That an incident is in maintenance at an instant, and until when: <see cref="Until"/> is the end of the whole run of
/// windows that follow on from the one covering the instant (one ending as the next starts counts as one run).
/// </summary>
/// <param name="Description">For the timeline, e.g. <c>window 'deploys' for team ops (weekly deploys)</c>.</param>
public sealed record MaintenanceCover(DateTimeOffset Until, string Description);
