using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Notifications.Channels;

/// <summary>One message to send: a page about one incident, or a summary of pages held back by throttling.</summary>
/// <param name="JobId">The notification job's id; unique per message, so providers' callbacks can be tied back to it.</param>
/// <param name="AccountId">The account of the first incident (summaries can span accounts that share a phone).</param>
/// <param name="UserId">The user paged (in <paramref name="AccountId"/>).</param>
/// <param name="Address">Phone number (E.164) for sms and voice, email address for email, empty for push.</param>
/// <param name="Incidents">The incidents the message is about, newest first; more than one for a summary.</param>
public sealed record OutgoingPage(
    string JobId,
    string AccountId,
    string UserId,
    string UserName,
    NotificationChannel Channel,
    string Address,
    IReadOnlyList<PagedIncident> Incidents)
{
    public bool IsSummary => Incidents.Count > 1;
}

/// <summary>What a message says about one incident.</summary>
public sealed record PagedIncident(string AccountId, long Number, string Title, Urgency Urgency)
{
    public static PagedIncident Of(string accountId, Incidents.Incident incident) => new(accountId, incident.Number, incident.Title, incident.Urgency);

    /// <summary><c>#42 [HIGH]</c>: how every channel names the incident before its title.</summary>
    public string Heading => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{Number} [{Urgency.ToWire().ToUpperInvariant()}]");
}
