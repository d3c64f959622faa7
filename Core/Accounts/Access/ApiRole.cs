namespace Klaxon.Accounts;

/// <summary>What an account's API key may do; each role includes the ones before it.</summary>
public enum ApiRole
{
    /// <summary>Read incidents, schedules, on-call and calendar feeds.</summary>
    ReadOnly,

    /// <summary>Also acknowledge, resolve and escalate incidents.</summary>
    Responder,

    /// <summary>Also read and replace the configuration document, and manage keys, calendar tokens and push subscriptions.</summary>
    Admin,
}

/// <summary>Role ordering.</summary>
public static class ApiRoles
{
    /// <summary>True when a key holding <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Grants(this ApiRole held, ApiRole needed) => held >= needed;
}
