namespace Klaxon.Incidents;

/// <summary>Lifecycle of an incident: open → acknowledged → resolved (open → resolved directly is fine too).</summary>
public enum IncidentStatus
{
    Open,
    Acknowledged,
    Resolved,
}

public static class IncidentStatusNames
{
    public static string ToWire(this IncidentStatus status) => status switch
    {
        IncidentStatus.Open => "open",
        IncidentStatus.Acknowledged => "acknowledged",
        IncidentStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParse(string? value, out IncidentStatus status)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "open": status = IncidentStatus.Open; return true;
            case "acknowledged": status = IncidentStatus.Acknowledged; return true;
            case "resolved": status = IncidentStatus.Resolved; return true;
            default: status = default; return false;
        }
    }
}
