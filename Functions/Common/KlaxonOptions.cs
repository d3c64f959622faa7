namespace Klaxon.Common;

/// <summary>Settings under the <c>Klaxon</c> section (app settings <c>Klaxon__Name</c>).</summary>
public sealed class KlaxonOptions
{
    public const string Section = "Klaxon";

    /// <summary>
    /// How often an instance refreshes its in-memory snapshot of account configurations, which the webhook endpoint uses.
    /// Default 10 seconds: a disabled integration or rotated token takes effect on every instance within about this time
    /// (at once on the instance that saved it).
    /// </summary>
    public int ConfigCacheSeconds { get; set; } = 10;

    /// <summary>
    /// Run notification messages (an opened incident's escalation start and its first pages, an acknowledgement's stop)
    /// in the invocation that produced them instead of one queue hop each; anything that fails there is queued and
    /// retried as before. Default true: a page leaves after one queue hop (the event's) instead of three, which is up to
    /// two <c>maxPollingInterval</c>s sooner on idle queues and about six storage requests fewer. False queues every
    /// message (the behaviour before; the latency benchmark compares both).
    /// </summary>
    public bool DispatchInline { get; set; } = true;

    /// <summary>Base URL webhook senders use (e.g. <c>https://klaxon.example.com</c>); used to print integration URLs. Optional.</summary>
    public string? PublicBaseUrl { get; set; }
}
