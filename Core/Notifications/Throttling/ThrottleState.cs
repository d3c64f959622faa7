namespace Klaxon.Notifications.Throttling;

/// <summary>One page job: which incident, which user, when it was due. Held pages wait in these for a summary.</summary>
/// <param name="Urgent">The incident is high or critical: lower-urgency traffic never holds it back. Default false.</param>
public sealed record PageRef(string JobId, string AccountId, long Number, string UserId, DateTimeOffset At, bool Urgent = false);

/// <summary>One message that counted against a phone's limit.</summary>
/// <param name="Urgent">It carried a high or critical page (it then counts against the urgent budget too). Default false.</param>
public sealed record SentMark(string JobId, DateTimeOffset At, bool Urgent = false);

/// <summary>What throttling says about one page.</summary>
/// <param name="Allowed">Send it now.</param>
/// <param name="FlushAt">When held: when a summary can go out.</param>
/// <param name="ScheduleFlush">When held: this page is the one that must schedule the summary (no flush is pending).</param>
/// <param name="Refused">Not sent and not held: <see cref="ThrottleState.MaxHeld"/> pages already wait for this phone.</param>
public sealed record ThrottleDecision(bool Allowed, DateTimeOffset? FlushAt = null, bool ScheduleFlush = false, bool Refused = false);

/// <summary>
/// The throttle of one phone on one channel: what was sent within the window, what is held, and when a summary is
/// scheduled. Pure, so its rules are tested without storage: at most <c>limit</c> messages per window; once anything
/// is held, new pages join the held ones (a summary then carries them in order) until the summary goes out.
/// Urgent (high and critical) pages have a budget of their own: only urgent messages count against it, so a flood of
/// low-urgency pages never delays an urgent one, and an urgent page waits only behind other urgent ones.
/// </summary>
/// <param name="InFlight">
/// Pages a summary took and has not yet confirmed sent (<see cref="InFlightJobId"/>). Kept until
/// <see cref="Complete"/> so a summary job that crashed mid-way sends them again on redelivery instead of losing them.
/// </param>
public sealed record ThrottleState(
    IReadOnlyList<SentMark> Sent,
    IReadOnlyList<PageRef> Held,
    DateTimeOffset? FlushAt,
    IReadOnlyList<PageRef>? InFlight = null,
    string? InFlightJobId = null)
{
    public static ThrottleState Empty { get; } = new([], [], null);

    /// <summary>
    /// Pages held for one phone at most. Default 500: a summary of more tells a person nothing more, and the row must stay
    /// within a table entity's size. Lower-urgency pages beyond it are refused and recorded as not sent; urgent pages
    /// may use as many again (<see cref="MaxHeldWithUrgent"/>) before they are refused too.
    /// </summary>
    public const int MaxHeld = 500;

    /// <summary>Held pages at most when the newcomer is urgent: twice <see cref="MaxHeld"/>.</summary>
    public const int MaxHeldWithUrgent = 2 * MaxHeld;

    /// <summary>Decides about <paramref name="page"/>. A page seen before (a redelivery) gets the same answer and changes nothing.</summary>
    public (ThrottleState State, ThrottleDecision Decision) Acquire(PageRef page, DateTimeOffset now, int limit, TimeSpan window)
    {
        var sent = Recent(Sent, now, window);
        if (sent.Any(mark => mark.JobId == page.JobId))
        {
            return (this with { Sent = sent }, new ThrottleDecision(true));
        }
        if (Held.Any(held => held.JobId == page.JobId))
        {
            return (this with { Sent = sent }, new ThrottleDecision(false, FlushAt));
        }
        // An urgent page counts only urgent messages and waits only behind urgent held pages.
        var counted = page.Urgent ? [.. sent.Where(mark => mark.Urgent)] : sent;
        var waiting = page.Urgent ? Held.Any(held => held.Urgent) : Held.Count > 0;
        if (counted.Count < limit && !waiting)
        {
            return (this with { Sent = [.. sent, new SentMark(page.JobId, now, page.Urgent)] }, new ThrottleDecision(true));
        }
        if (Held.Count >= (page.Urgent ? MaxHeldWithUrgent : MaxHeld))
        {
            return (this with { Sent = sent }, new ThrottleDecision(false, FlushAt, Refused: true));
        }
        var flushAt = NextSlot(counted, now, limit, window);
        // A flush scheduled long ago whose job never came (lost or failed for good) must not hold pages forever.
        var schedule = FlushAt is null || FlushAt < now - window;
        var next = new ThrottleState(sent, [.. Held, page], schedule ? flushAt : FlushAt);
        return (next, new ThrottleDecision(false, next.FlushAt, schedule));
    }

    /// <summary>
    /// At a scheduled flush: the held pages to send now as one summary (taking one slot; they stay in flight until
    /// <see cref="Complete"/>), or none and when to try again because the window is still full. A redelivered flush gets
    /// the pages it took before.
    /// </summary>
    public (ThrottleState State, IReadOnlyList<PageRef> Send, DateTimeOffset? RetryAt) Flush(string summaryJobId, DateTimeOffset now, int limit, TimeSpan window)
    {
        var sent = Recent(Sent, now, window);
        if (InFlightJobId == summaryJobId && InFlight is { Count: > 0 } taken)
        {
            return (this with { Sent = sent }, taken, null);
        }
        // Pages of another summary that never confirmed (its job was lost) go out with this one rather than never.
        List<PageRef> pending = [.. InFlight ?? [], .. Held];
        if (pending.Count == 0)
        {
            return (new ThrottleState(sent, [], null), [], null);
        }
        // A summary carrying an urgent page uses the urgent budget, like the page would have.
        var urgent = pending.Any(page => page.Urgent);
        var counted = urgent ? [.. sent.Where(mark => mark.Urgent)] : sent;
        if (counted.Count >= limit)
        {
            var retryAt = NextSlot(counted, now, limit, window);
            return (new ThrottleState(sent, pending, retryAt), [], retryAt);
        }
        return (new ThrottleState([.. sent, new SentMark(summaryJobId, now, urgent)], [], null, pending, summaryJobId), pending, null);
    }

    /// <summary>The summary went out (or was given up): forget the pages it took.</summary>
    public ThrottleState Complete(string summaryJobId) =>
        InFlightJobId == summaryJobId ? this with { InFlight = null, InFlightJobId = null } : this;

    /// <summary>The summary could not be sent now: its pages are held again, first, until <paramref name="retryAt"/>.</summary>
    public ThrottleState Return(string summaryJobId, DateTimeOffset retryAt) =>
        InFlightJobId == summaryJobId
            ? new ThrottleState(Sent.Where(mark => mark.JobId != summaryJobId).ToList(), [.. InFlight ?? [], .. Held], retryAt)
            : this;

    /// <summary>The marks still within the window (never more than the limit: marks are only added below it).</summary>
    private static List<SentMark> Recent(IReadOnlyList<SentMark> sent, DateTimeOffset now, TimeSpan window) =>
        [.. sent.Where(mark => mark.At > now - window)];

    /// <summary>When the window next has room: when the oldest message counting against the limit leaves it.</summary>
    private static DateTimeOffset NextSlot(List<SentMark> sent, DateTimeOffset now, int limit, TimeSpan window) =>
        sent.Count < limit ? now : sent.OrderBy(mark => mark.At).ElementAt(sent.Count - limit).At + window;
}
