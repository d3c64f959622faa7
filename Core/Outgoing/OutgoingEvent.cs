using Klaxon.Common;
using Klaxon.Incidents;

namespace Klaxon.Outgoing;

/// <summary>An incident event as receivers see it: what happened, to which incident, and who did it.</summary>
/// <param name="OccurredAt">When it happened (the receipt time of the event behind it, or the escalation's instant).</param>
/// <param name="Actor">Who did it: a user id, an integration's name, or <c>klaxon</c>.</param>
/// <param name="ActorName">The user's display name when the actor is a user of the account.</param>
/// <param name="Source">How: <c>webhook</c>, <c>api</c>, <c>sms</c>, <c>voice</c>, <c>email</c>, <c>push</c>, <c>escalation</c>.</param>
/// <param name="Message">The timeline line's text.</param>
/// <param name="PreviousNumber">For <see cref="IncidentEventKind.Reopened"/>: the resolved incident whose alert fired again.</param>
public sealed record OutgoingEvent(
    string EventId,
    IncidentEventKind Kind,
    DateTimeOffset OccurredAt,
    string AccountId,
    OutgoingIncident Incident,
    string Actor,
    string? ActorName,
    string Source,
    string Message,
    long? PreviousNumber = null)
{
    /// <summary>Who acted, for people: the user's name when known, else the actor.</summary>
    public string ActedBy => ActorName ?? Actor;
}

/// <summary>The incident an event is about, as it stood when the event was handed to its receivers.</summary>
/// <param name="Title">Cut to <see cref="MaxTitleLength"/> characters (the full title is in Klaxon).</param>
/// <param name="Url">The incident in the responder app; null when <c>Klaxon:PublicBaseUrl</c> is not set.</param>
public sealed record OutgoingIncident(
    long Number,
    string Id,
    string Title,
    Urgency Urgency,
    IncidentStatus Status,
    string? TeamId,
    string? TeamName,
    string IntegrationId,
    int AlertCount,
    DateTimeOffset CreatedAt,
    string? Url)
{
    /// <summary>Longest title sent out: 1,000 characters, so every delivery fits a queue message and any chat service's limits.</summary>
    public const int MaxTitleLength = 1000;

    public static string CutTitle(string title) =>
        title.Length <= MaxTitleLength ? title : string.Concat(title.AsSpan(0, MaxTitleLength - 1), "…");

    /// <summary><c>#42</c>.</summary>
    public string Heading => "#" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>{base}/app/#incidents/{number}/{account}</c>: the app switches to the account and opens the incident.</summary>
    public static string? LinkFor(string? publicBaseUrl, string accountId, long number) =>
        string.IsNullOrWhiteSpace(publicBaseUrl)
            ? null
            : $"{publicBaseUrl.TrimEnd('/')}/app/#incidents/{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(accountId)}";
}
