using Klaxon.Incidents;

namespace Klaxon.Notifications.Delivery;

/// <summary>
/// Writes what happened to pages onto incidents' timelines. Each line is keyed by a stable id (the page job id, plus a
/// suffix for retries), so a redelivered job records once.
/// </summary>
public sealed class PageTimeline(IncidentStore incidents, TimeProvider time)
{
    /// <param name="at">Where the line sorts: when the page was due.</param>
    /// <param name="kind"><c>page</c>, <c>not_paged</c>, <c>page_held</c>, <c>page_retry</c> or <c>page_failed</c>.</param>
    /// <param name="source">The provider (<c>twilio</c>, <c>sendgrid</c>, <c>webpush</c>) or <c>outbox</c>.</param>
    public async Task AddAsync(string accountId, long number, DateTimeOffset at, string id, string kind, string message, string source, CancellationToken cancellationToken)
    {
        var line = Line(number, at, id, kind, message, source);
        // False when an earlier delivery of the same job recorded it: nothing more to do.
        await incidents.AddTimelineNoteAsync(accountId, line.Note, line.Id, line.RecordedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same line, unwritten, for a caller that writes it together with a delivery record (<see cref="DeliveryLog.RecordAsync(DeliveryRecord, PageLine, CancellationToken)"/>).</summary>
    public PageLine Line(long number, DateTimeOffset at, string id, string kind, string message, string source) =>
        new(new TimelineNote(number, new EventOrder(at, id), kind, message, source, "klaxon"), id, time.GetUtcNow());
}

/// <summary>One timeline line about a page, keyed by <paramref name="Id"/>.</summary>
public sealed record PageLine(TimelineNote Note, string Id, DateTimeOffset RecordedAt);
