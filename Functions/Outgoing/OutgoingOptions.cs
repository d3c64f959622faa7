namespace Klaxon.Outgoing;

/// <summary>Settings under <c>Outgoing</c> (app settings <c>Outgoing__Name</c>) for outgoing webhooks and chat posts.</summary>
public sealed class OutgoingOptions
{
    public const string Section = "Outgoing";

    /// <summary>
    /// Also allow <c>http</c> URLs and connections to loopback addresses. Default false; DevHost turns it on (receivers
    /// in tests and on a developer's machine listen on loopback). Azure never sets it.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one attempt may take, connection included: default 10 s. A receiver that takes longer has failed the attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery before giving up: default 8 (with the default delays, over about 45 minutes).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the second attempt, doubled for each later one (±25 % jitter): default 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest delay between attempts: default 15 min. A receiver's <c>Retry-After</c> is honoured up to four times this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after an event is announced its subscribers are looked up: default 1 s (whole seconds), so the commit that
    /// records it has landed. A line not found yet is looked for again after 2, 4 and 8 times this, then dropped.
    /// </summary>
    public TimeSpan AnnounceDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts kept in each receiver's delivery log: default 200, newest first.</summary>
    public int DeliveryLogSize { get; set; } = 200;
}
