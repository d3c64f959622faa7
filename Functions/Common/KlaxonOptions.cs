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
    /// retried as before. True: a page leaves after one queue hop (the event's) instead of three, which is up to
    /// two <c>maxPollingInterval</c>s sooner on idle queues and about six storage requests fewer. Default false, which
    /// queues every message: with it on, the end-to-end tests saw an event wait more than 40 s to be applied (a
    /// reproducible interleaving, not yet explained), and a pager must not trade that for latency until it is.
    /// </summary>
    public bool DispatchInline { get; set; }

    /// <summary>Base URL webhook senders use (e.g. <c>https://klaxon.example.com</c>); used to print integration URLs. Optional.</summary>
    public string? PublicBaseUrl { get; set; }
}
