using Microsoft.Extensions.Logging;

namespace Klaxon.Escalation;

/// <summary>
/// The timer's work: hands every item due now or within <see cref="LookAhead"/> to the escalations queue, each
/// message hidden until its due time, so work is processed (and retried) like any other message and runs when it is
/// due rather than at the next tick. Reads only the minutes since the last sweep, bounded to <see cref="MaxCatchUp"/>
/// after downtime. Double ticks and concurrent instances may hand an item on twice; processing is idempotent, so that
/// costs work, never a page.
/// </summary>
public sealed partial class DueSweeper(DueIndex index, EscalationQueue queue, TimeProvider time, ILogger<DueSweeper> logger) : IEscalationSweeper
{
    /// <summary>How far back a sweep looks after downtime. Default 24 hours.</summary>
    public static readonly TimeSpan MaxCatchUp = TimeSpan.FromHours(24);

    /// <summary>How far back the first sweep ever looks. Default 10 minutes.</summary>
    public static readonly TimeSpan FirstSweepWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How far ahead a sweep hands items on (hidden in the queue until due). Default 20 seconds, more than the default
    /// 15-second timer interval, so with the default schedule nothing waits for a tick. A longer interval still works:
    /// items further ahead wait for a later sweep.
    /// </summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromSeconds(20);

    /// <summary>How much each sweep re-reads before the previous one's end. Default 30 seconds (more than <see cref="LookAhead"/>).</summary>
    public static readonly TimeSpan CursorOverlap = TimeSpan.FromSeconds(30);

    public async Task SweepAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cursor = await index.ReadCursorAsync(cancellationToken).ConfigureAwait(false);
        // Overlap the previous sweep a little: a row written by an instance whose clock runs behind may carry a due
        // time just before the cursor. Rows handed on are deleted, so re-reading the overlap costs nothing else.
        // A cursor ahead of this instance's clock (another instance's clock runs fast) must not hide what is due now.
        var from = cursor is { } swept ? (swept < now ? swept : now) - CursorOverlap : now - FirstSweepWindow;
        if (now - from > MaxCatchUp)
        {
            from = now - MaxCatchUp;
        }
        var due = await index.DueAsync(from, now + LookAhead, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            // Enqueue first, then forget the row: a crash in between hands the item on twice, never zero times.
            // Hidden until due, so the work never arrives early (an early arrival finds nothing due and waits for the next sweep).
            await queue.SendAsync(EscalationWork.Due(item), ct, hiddenFor: item.DueAt - now).ConfigureAwait(false);
            await index.RemoveAsync(item, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await index.WriteCursorAsync(now, cancellationToken).ConfigureAwait(false);
        if (due.Count > 0 || isPastDue)
        {
            LogSwept(due.Count, from, now, isPastDue);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation sweep handed on {Count} due item(s) from {From:O} to {Now:O} (past due: {IsPastDue})")]
    private partial void LogSwept(int count, DateTimeOffset from, DateTimeOffset now, bool isPastDue);
}
