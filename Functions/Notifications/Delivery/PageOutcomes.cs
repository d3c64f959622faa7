using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Contacts;
using Klaxon.Notifications.Throttling;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Delivery;

/// <summary>
/// Records what a provider said about one message, for every page job the message carried (one for a page, several for
/// a throttling summary): delivery records, timeline lines, the phone's recent pages, and a delayed retry on the queue
/// for a transient failure.
/// </summary>
public sealed partial class PageOutcomes(
    DeliveryLog deliveries,
    PageTimeline timeline,
    ContactLog contacts,
    NotificationQueue notifications,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<PageOutcomes> logger)
{
    /// <summary>The delay before the queue round after <paramref name="attempt"/> failed rounds: doubling from the base.</summary>
    public TimeSpan RequeueDelay(int attempt) =>
        TimeSpan.FromTicks(options.Value.Delivery.RequeueBaseDelay.Ticks * (1L << Math.Min(attempt, 20)));

    /// <summary>Whether a job that failed transiently goes back on the queue (else it is recorded as failed).</summary>
    public bool WillRetry(DeliveryJob job) => job.Attempt < options.Value.Delivery.MaxRequeues;

    public async Task RecordAsync(DeliveryJob job, OutgoingPage message, IReadOnlyList<PageRef> pages, SendResult result, string provider, CancellationToken cancellationToken)
    {
        var channel = message.Channel.ToWire();
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
                var state = provider is OutboxChannel.ProviderId or "webpush" ? DeliveryState.Sent : DeliveryState.Queued;
                var how = provider == OutboxChannel.ProviderId ? $"outbox: {result.Detail}" : $"{provider} {result.ProviderId}";
                foreach (var page in pages)
                {
                    var text = pages.Count == 1
                        ? $"Paged {page.UserId} by {channel} ({how})."
                        : $"Paged {page.UserId} by {channel} in a summary of {pages.Count} held-back pages ({how}).";
                    await deliveries.RecordAsync(new DeliveryRecord(page.AccountId, page.Number, page.JobId, message.Channel, page.UserId, state, result.ProviderId),
                        timeline.Line(page.Number, page.At, page.JobId, "page", text, provider), cancellationToken).ConfigureAwait(false);
                    if (message.Channel is NotificationChannel.Sms or NotificationChannel.Voice)
                    {
                        await RememberAsync(message.Address, page, cancellationToken).ConfigureAwait(false);
                    }
                }
                if (pages.All(page => page.JobId != message.JobId))
                {
                    // A summary: provider callbacks name the summary's job, so it needs a record of its own.
                    await deliveries.RecordAsync(new DeliveryRecord(message.AccountId, pages[0].Number, message.JobId, message.Channel, message.UserId, state, result.ProviderId), cancellationToken)
                        .ConfigureAwait(false);
                }
                LogSent(message.UserId, channel, provider, pages.Count);
                break;

            case SendOutcome.Transient when WillRetry(job):
                var delay = RequeueDelay(job.Attempt);
                await notifications.SendLaterAsync(job with { Attempt = job.Attempt + 1 }, delay, cancellationToken).ConfigureAwait(false);
                foreach (var page in pages)
                {
                    await deliveries.RecordAsync(new DeliveryRecord(page.AccountId, page.Number, page.JobId, message.Channel, page.UserId, DeliveryState.Retrying, null),
                        timeline.Line(page.Number, page.At, $"{page.JobId}|retry{job.Attempt.ToString(CultureInfo.InvariantCulture)}", "page_retry",
                            $"Could not reach {provider} to page {page.UserId} by {channel} ({result.Detail}); trying again in {Seconds(delay)}.", provider), cancellationToken)
                        .ConfigureAwait(false);
                }
                LogRetry(message.UserId, channel, provider, result.Detail, delay);
                break;

            default:
                var reason = result.Outcome == SendOutcome.Transient
                    ? $"Gave up paging {{0}} by {channel} after {(job.Attempt + 1).ToString(CultureInfo.InvariantCulture)} rounds of tries: {result.Detail}."
                    : $"Could not page {{0}} by {channel}: {result.Detail}.";
                foreach (var page in pages)
                {
                    await deliveries.RecordAsync(new DeliveryRecord(page.AccountId, page.Number, page.JobId, message.Channel, page.UserId, DeliveryState.Failed, null),
                        timeline.Line(page.Number, page.At, $"{page.JobId}|failed", "page_failed", string.Format(CultureInfo.InvariantCulture, reason, page.UserId), provider),
                        cancellationToken).ConfigureAwait(false);
                }
                LogFailed(message.UserId, channel, provider, result.Detail);
                break;
        }
    }

    /// <summary>A page not sent because there is nothing to page for any more (incident closed, user gone): recorded, not retried.</summary>
    public async Task SkipAsync(PageRef page, NotificationChannel channel, string message, CancellationToken cancellationToken)
    {
        await deliveries.RecordAsync(new DeliveryRecord(page.AccountId, page.Number, page.JobId, channel, page.UserId, DeliveryState.Skipped, null),
            timeline.Line(page.Number, page.At, page.JobId, "not_paged", message, "klaxon"), cancellationToken).ConfigureAwait(false);
        LogSkipped(message);
    }

    /// <summary>
    /// Notes the page against the phone so a reply can find it. The page is already sent and recorded, so a failure here
    /// must not fail the job (a redelivery would find the page settled and never get here again): it is logged, and a
    /// reply to this page then gets "not paged" instead of acting.
    /// </summary>
    private async Task RememberAsync(string phone, PageRef page, CancellationToken cancellationToken)
    {
        if (await contacts.TryRecordAsync(phone, page.AccountId, page.Number, page.UserId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { } reason)
        {
            LogNotRemembered(page.UserId, page.Number, reason);
        }
    }

    private static string Seconds(TimeSpan delay) => $"{Math.Ceiling(delay.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";

    [LoggerMessage(Level = LogLevel.Information, Message = "Paged {User} by {Channel} through {Provider} ({Pages} page(s))")]
    private partial void LogSent(string user, string channel, string provider, int pages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not page {User} by {Channel} through {Provider} ({Detail}); retrying in {Delay}")]
    private partial void LogRetry(string user, string channel, string provider, string? detail, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private partial void LogSkipped(string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paged {User} about #{Number}, but could not note it for SMS replies ({Reason})")]
    private partial void LogNotRemembered(string user, long number, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Paging {User} by {Channel} through {Provider} failed: {Detail}")]
    private partial void LogFailed(string user, string channel, string provider, string? detail);
}
