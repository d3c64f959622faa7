namespace Klaxon.Common;

/// <summary>
/// A fact about an incident that outgoing webhooks and chat posts can subscribe to. Wire names are camelCase
/// (<c>alertAdded</c>); in a webhook's body the type is <c>incident.</c> followed by the wire name. In the shared kernel
/// because the account document (Accounts) subscribes to them and Incidents and Escalation publish them.
/// </summary>
public enum IncidentEventKind
{
    /// <summary>An incident opened.</summary>
    Opened,

    /// <summary>An alert was deduplicated into an incident (an open or acknowledged one, or a resolved one it was sent before the resolve of).</summary>
    AlertAdded,

    /// <summary>Someone (or a sender) acknowledged it.</summary>
    Acknowledged,

    /// <summary>Someone (or a sender) resolved it.</summary>
    Resolved,

    /// <summary>
    /// The alert fired again after its earlier incident was resolved. Klaxon never reopens a resolved incident: the alert
    /// opens a new one (announced as <see cref="Opened"/> as well), and this event names the earlier one.
    /// </summary>
    Reopened,

    /// <summary>Escalation moved on to the next layer (a layer ran out, or someone asked to escalate).</summary>
    Escalated,

    /// <summary>Someone added a note to the incident.</summary>
    NoteAdded,
}
