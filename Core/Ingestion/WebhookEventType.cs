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

/// <summary>Wire names for <see cref="WebhookEventType"/>.</summary>
public static class WebhookEventTypes
{
    /// <summary>The accepted wire values, in order, for error messages.</summary>
    public const string Allowed = "create, acknowledge or resolve";

    /// <summary>Parses a wire value (trimmed, case-insensitive).</summary>
    /// <remarks>Deliberately not <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>, which would also accept "0" or "Create,Resolve".</remarks>
    public static bool TryParse(string? value, out WebhookEventType eventType)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "create": eventType = WebhookEventType.Create; return true;
            case "acknowledge": eventType = WebhookEventType.Acknowledge; return true;
            case "resolve": eventType = WebhookEventType.Resolve; return true;
            default: eventType = default; return false;
        }
    }

    /// <summary>The wire value: "create", "acknowledge" or "resolve".</summary>
    public static string ToWire(this WebhookEventType eventType) => eventType switch
    {
        WebhookEventType.Create => "create",
        WebhookEventType.Acknowledge => "acknowledge",
        WebhookEventType.Resolve => "resolve",
        _ => throw new ArgumentOutOfRangeException(nameof(eventType)),
    };
}
