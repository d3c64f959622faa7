using Klaxon.Accounts;

namespace Klaxon.Maintenance;

/// <summary>
/// Answers "is this incident in maintenance now, and until when" for escalation: the document's windows plus the
/// account's ad hoc windows that have not ended (one range query on the account's <c>maintenance|</c> rows).
/// </summary>
public sealed class MaintenanceWindows(AdHocMaintenanceStore adHoc)
{
    /// <summary>The ad hoc windows to pass to <see cref="MaintenanceCalendar.CoverAt"/> at <paramref name="now"/>.</summary>
    public Task<IReadOnlyList<AdHocMaintenance>> AdHocAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken) =>
        adHoc.NotEndedAsync(accountId, now, cancellationToken);

    /// <summary>The maintenance covering an incident of <paramref name="teamId"/> from <paramref name="integrationId"/> at <paramref name="now"/>, or null.</summary>
    public async Task<MaintenanceCover?> CoverAsync(AccountConfig config, string? teamId, string? integrationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var adHocWindows = await adHoc.NotEndedAsync(config.Id, now, cancellationToken).ConfigureAwait(false);
        return MaintenanceCalendar.CoverAt(config.Maintenance, adHocWindows, teamId, integrationId, now);
    }
}
