using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Delivery;
using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Throttling;

/// <summary>
/// Runs a <c>bundle</c> job: when a throttled phone's window has room again, sends the pages held back for it as one
/// summary message (one per account, since a reply or keypress acts within one account), and records it on every
/// incident it covers. Incidents no longer open are left out and noted. If the summary fails transiently its pages are
/// held again and the job retries later; a crash after taking them sends them again rather than losing them.
/// </summary>
public sealed partial class HeldPageFlusher(
    ContactThrottle throttle,
    IncidentReader incidents,
    AccountStore accounts,
    ChannelSelector channels,
    PageOutcomes outcomes,
    NotificationQueue notifications,
    TimeProvider time,
    ILogger<HeldPageFlusher> logger)
{
    public Task FlushAsync(BundleJob job, CancellationToken cancellationToken) =>
        // The job's address is the phone: not an attribute.
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Page, span => span
                .SetTag(KlaxonTelemetry.StepAttribute, "bundle")
                .SetTag(KlaxonTelemetry.AccountAttribute, job.AccountId)
                .SetTag(KlaxonTelemetry.IncidentAttribute, job.IncidentNumber)
                .SetTag(KlaxonTelemetry.RequestAttribute, job.RequestId)
                .SetTag(KlaxonTelemetry.ChannelAttribute, job.Channel.ToWire()),
            () => FlushCoreAsync(job, cancellationToken));

    private async Task FlushCoreAsync(BundleJob job, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new LogScope(("request_id", job.RequestId), ("account", job.AccountId)));
        var (channel, phone) = (job.Channel, job.Address);
        var now = time.GetUtcNow();
        var (pages, retryAt) = await throttle.FlushAsync(channel, phone, job.JobId, now, cancellationToken).ConfigureAwait(false);
        if (retryAt is { } later)
        {
            await notifications.SendLaterAsync(job, later - now, cancellationToken).ConfigureAwait(false);
            return;
        }
        var open = new List<(PageRef Page, PagedIncident Incident)>();
        foreach (var page in pages)
        {
            var found = await incidents.GetAsync(page.AccountId, page.Number, cancellationToken, withTimeline: false).ConfigureAwait(false);
            if (found is { Status: IncidentStatus.Open })
            {
                open.Add((page, PagedIncident.Of(page.AccountId, found)));
            }
            else
            {
                await outcomes.SkipAsync(page, channel,
                    $"Not paged {page.UserId} by {channel.ToWire()}: the incident was already {found?.Status.ToWire() ?? "gone"} when the held-back pages went out.",
                    cancellationToken).ConfigureAwait(false);
            }
        }
        var (send, provider) = channels.For(channel);
        var retry = false;
        foreach (var group in open.GroupBy(item => item.Page.AccountId))
        {
            var first = group.First().Page;
            var config = await accounts.GetAsync(first.AccountId, cancellationToken).ConfigureAwait(false);
            var name = config?.FindUser(first.UserId)?.Name ?? first.UserId;
            var jobId = group.Key == job.AccountId ? job.JobId : $"{job.JobId}|{group.Key}";
            var summary = new OutgoingPage(jobId, group.Key, first.UserId, name, channel, phone,
                [.. group.Reverse().Select(item => item.Incident)]); // held in arrival order; messages list newest first
            var result = await send(summary, cancellationToken).ConfigureAwait(false);
            retry |= result.Outcome == SendOutcome.Transient && outcomes.WillRetry(job);
            await outcomes.RecordAsync(job, summary, [.. group.Select(item => item.Page)], result, provider, cancellationToken).ConfigureAwait(false);
            LogSummary(first.UserId, channel.ToWire(), group.Count());
        }
        if (retry)
        {
            await throttle.ReturnAsync(channel, phone, job.JobId, now + outcomes.RequeueDelay(job.Attempt), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await throttle.CompleteAsync(channel, phone, job.JobId, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {User} one {Channel} summary of {Count} held-back page(s)")]
    private partial void LogSummary(string user, string channel, int count);
}
