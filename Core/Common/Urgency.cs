namespace Klaxon.Common;

/// <summary>How loudly an incident pages. Wire form is the lower-case name.</summary>
public enum Urgency
{
    Low,
    Medium,
    High,
    Critical,
}
