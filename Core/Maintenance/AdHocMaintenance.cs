using Klaxon.Accounts;

namespace Klaxon.Maintenance;

/// <summary>
/// A maintenance window started through the API ("quiet for 2 h"), as instants. Ended early by moving
/// <see cref="EndAt"/> to the moment it was ended.
/// </summary>
/// <param name="Id">Chosen by Klaxon when it is started.</param>
/// <param name="TargetId">The team or integration id, by <paramref name="Scope"/>.</param>
/// <param name="StartedBy">The user who started it.</param>
public sealed record AdHocMaintenance(
    string Id,
    MaintenanceScope Scope,
    string TargetId,
    DateTimeOffset StartAt,
    DateTimeOffset EndAt,
    string? Reason,
    string StartedBy);
