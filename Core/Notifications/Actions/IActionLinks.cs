using Klaxon.Incidents;

namespace Klaxon.Notifications.Actions;

/// <summary>
/// Makes the signed acknowledge/resolve links that emails and push notifications carry. The message formats only need
/// the URL; signing keys and the public base URL stay with the implementation in the function app.
/// </summary>
public interface IActionLinks
{
    /// <summary>False when links cannot be made (no signing key or no public base URL): messages then carry none.</summary>
    bool IsConfigured { get; }

    /// <summary>A link that lets <paramref name="userId"/> do <paramref name="action"/> to one incident, recorded as coming through <paramref name="channel"/>.</summary>
    string CreateUrl(string accountId, long number, string userId, IncidentActionKind action, string channel);
}
