namespace Klaxon.Storage;

/// <summary>Names of the queues and tables Klaxon uses. Queue names are constants because trigger attributes need them at compile time.</summary>
public static class StorageNames
{
    /// <summary>Webhook events and management actions, applied to incident state in order of receipt.</summary>
    public const string EventsQueue = "klaxon-events";

    /// <summary>Notification jobs emitted when an incident opens, is acknowledged or resolved.</summary>
    public const string NotificationsQueue = "klaxon-notifications";

    /// <summary>Escalation work for one incident that has come due (written by the timer's sweep).</summary>
    public const string EscalationsQueue = "klaxon-escalations";

    /// <summary>Outgoing webhooks and chat posts: incident events to hand out, and deliveries to make (kept off the paging queues).</summary>
    public const string OutgoingQueue = "klaxon-outgoing";

    /// <summary>Where the Functions host (and DevHost) moves a message after <c>maxDequeueCount</c> failures.</summary>
    public static string PoisonQueueFor(string queue) => queue + "-poison";

    /// <summary>One row per account holding its configuration document.</summary>
    public const string AccountsTable = "KlaxonAccounts";

    /// <summary>Incidents, their timelines, dedup-key state and applied-event markers, partitioned by account.</summary>
    public const string IncidentsTable = "KlaxonIncidents";

    /// <summary>The due-time index of escalation work, partitioned by minute, so a sweep reads only what is due.</summary>
    public const string DueTable = "KlaxonDue";

    /// <summary>
    /// Per contact, across accounts: recent pages to a phone (for SMS replies), per-phone throttles, and users' Web Push
    /// subscriptions. Partitioned by contact (<c>phone|+15551230000</c>, <c>push|{account}|{user}</c>).
    /// </summary>
    public const string ContactsTable = "KlaxonContacts";

    /// <summary>Per-account API keys and calendar tokens (hashes only), partitioned by account.</summary>
    public const string CredentialsTable = "KlaxonCredentials";

    /// <summary>The delivery log of outgoing webhooks and chat posts, partitioned by receiver (<c>{account}|{kind}|{id}</c>), newest first.</summary>
    public const string OutgoingTable = "KlaxonOutgoing";
}
