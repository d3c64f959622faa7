namespace Klaxon.Incidents;

/// <summary>Lifecycle of an incident: open → acknowledged → resolved (open → resolved directly is fine too).</summary>
public enum IncidentStatus
{
    Open,
    Acknowledged,
    Resolved,
}
