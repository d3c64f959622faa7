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
        var note = new TimelineNote(number, new EventOrder(at, id), kind, message, source, "klaxon");
        // False when an earlier delivery of the same job recorded it: nothing more to do.
        await incidents.AddTimelineNoteAsync(accountId, note, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
