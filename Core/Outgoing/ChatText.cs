using Klaxon.Common;

namespace Klaxon.Outgoing;

/// <summary>The words chat posts share, so Slack and Teams say the same thing.</summary>
public static class ChatText
{
    /// <summary><c>Opened</c>, <c>Acknowledged</c>, <c>Resolved</c>…</summary>
    public static string Verb(IncidentEventKind kind) => kind switch
    {
        IncidentEventKind.Opened => "Opened",
        IncidentEventKind.AlertAdded => "Alert added",
        IncidentEventKind.Acknowledged => "Acknowledged",
        IncidentEventKind.Resolved => "Resolved",
        IncidentEventKind.Reopened => "Fired again",
        IncidentEventKind.Escalated => "Escalated",
        _ => "Note added",
    };

    /// <summary><c>Opened: #42 Disk full on db1</c>.</summary>
    public static string Headline(OutgoingEvent e) => $"{Verb(e.Kind)}: {e.Incident.Heading} {e.Incident.Title}";

    /// <summary>Who acted, with the channel when a person answered a page: <c>Alice (sms)</c>.</summary>
    public static string By(OutgoingEvent e) => e.Source is "api" or "webhook" or "escalation" ? e.ActedBy : $"{e.ActedBy} ({e.Source})";

    public static string Team(OutgoingEvent e) => e.Incident.TeamName ?? e.Incident.TeamId ?? "none";

    /// <summary>Cuts to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
