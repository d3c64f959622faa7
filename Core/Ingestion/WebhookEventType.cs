namespace Klaxon.Ingestion;

/// <summary>What an incoming webhook asks us to do with the incident it names. Wire form is the lower-case name.</summary>
public enum WebhookEventType
{
    /// <summary>Open an incident (or update the open one with the same <c>Id</c>).</summary>
    Create,

    /// <summary>Mark the incident as being worked on; stops escalation.</summary>
    Acknowledge,

    /// <summary>Close the incident.</summary>
    Resolve,
}
