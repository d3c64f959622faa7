using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Throttling;
using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Delivery;

/// <summary>
/// Sends one page job: contact one user about one incident on one channel, through its provider or the outbox.
/// <list type="bullet">
/// <item>A job whose delivery record is settled (sent, held, skipped, failed) is a redelivery and does nothing: the
/// provider's id is recorded after it accepts, so a page is not sent twice. The crash window between the provider
/// accepting and the record being written remains: a job redelivered after such a crash sends again (a duplicate
/// page rather than a lost one).</item>
/// <item>It re-reads the incident and never pages for one that is no longer open (an acknowledge can overtake a page).</item>
/// <item>The user's name and contact details come from the account snapshot the escalation used
/// (<see cref="AccountStore.GetCachedAsync"/>).</item>
/// <item>SMS and calls pass per-phone throttling first; held pages go out later as one summary
/// (<see cref="HeldPageFlusher"/>).</item>
/// <item>Each job is one channel for one user, so a failing channel never blocks another or the escalation.</item>
/// </list>
/// </summary>
public sealed partial class PageDelivery(
    IncidentReader incidents,
    AccountStore accounts,
    ChannelSelector channels,
    ContactThrottle throttle,
    DeliveryLog deliveries,
    PageTimeline timeline,
    PageOutcomes outcomes,
    NotificationQueue notifications,
    TimeProvider time,
    ILogger<PageDelivery> logger) : IPageSender
{
    public Task SendAsync(PageJob page, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Page, span => span
                .SetTag(KlaxonTelemetry.StepAttribute, "page")
                .SetTag(KlaxonTelemetry.AccountAttribute, page.AccountId)
                .SetTag(KlaxonTelemetry.IncidentAttribute, page.IncidentNumber)
                .SetTag(KlaxonTelemetry.RequestAttribute, page.RequestId)
                .SetTag(KlaxonTelemetry.ChannelAttribute, page.Channel.ToWire()),
            () => SendCoreAsync(page, cancellationToken));

    private async Task SendCoreAsync(PageJob page, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new LogScope(("request_id", page.RequestId), ("account", page.AccountId), ("incident", page.IncidentNumber)));
        var (channel, user) = (page.Channel, page.UserId);
        if (DeliveryLog.IsSettled(await deliveries.GetStateAsync(page.AccountId, page.JobId, cancellationToken).ConfigureAwait(false)))
        {
            LogRedelivered(page.JobId);
            return;
        }
        if (await incidents.GetAsync(page.AccountId, page.IncidentNumber, cancellationToken, withTimeline: false).ConfigureAwait(false) is not { } found)
        {
            return;
        }
        var incident = PagedIncident.Of(page.AccountId, found);
        var self = new PageRef(page.JobId, page.AccountId, page.IncidentNumber, user, page.At, Urgent: incident.Urgency is Urgency.High or Urgency.Critical);
        if (found.Status != IncidentStatus.Open)
        {
            await outcomes.SkipAsync(self, channel, $"Not paged {user} by {channel.ToWire()}: the incident was already {found.Status.ToWire()}.", cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        // The snapshot the escalation that ordered this page chose its users from (at most ConfigCacheSeconds old, and
        // saves through this instance apply at once): a stored read per page would only narrow that window.
        var config = await accounts.GetCachedAsync(page.AccountId, cancellationToken).ConfigureAwait(false);
        if (config?.FindUser(user) is not { } person)
        {
            await outcomes.SkipAsync(self, channel, $"Not paged {user} by {channel.ToWire()}: no longer a user of this account.", cancellationToken).ConfigureAwait(false);
            return;
        }
        var address = channel switch
        {
            NotificationChannel.Sms or NotificationChannel.Voice => person.Phone,
            NotificationChannel.Email => person.Email,
            _ => "",
        };
        var (send, provider) = channels.For(channel);
        var message = new OutgoingPage(page.JobId, page.AccountId, user, person.Name, channel, address ?? "", [incident]);
        if (address is null)
        {
            await outcomes.RecordAsync(page, message, [self], SendResult.Permanent(channel == NotificationChannel.Email ? "the user has no email address" : "the user has no phone number"),
                provider, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (ContactThrottle.Applies(channel))
        {
            var decision = await throttle.AcquireAsync(channel, address, self, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (decision.Refused)
            {
                // Not silence: an error for the deployment's alerts, and a line on the incident's timeline.
                LogRefused(user, channel.ToWire(), incident.Urgency.ToWire(), ThrottleState.MaxHeld);
                await outcomes.RecordAsync(page, message, [self],
                    SendResult.Permanent($"{ThrottleState.MaxHeld} pages are already held back for this phone"), provider, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (!decision.Allowed)
            {
                await HoldAsync(page, self, channel, address, decision, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        var result = await send(message, cancellationToken).ConfigureAwait(false);
        await outcomes.RecordAsync(page, message, [self], result, provider, cancellationToken).ConfigureAwait(false);
    }

    private async Task HoldAsync(PageJob page, PageRef self, NotificationChannel channel, string phone, ThrottleDecision decision, CancellationToken cancellationToken)
    {
        var flushAt = decision.FlushAt ?? time.GetUtcNow();
        if (decision.ScheduleFlush)
        {
            var bundle = new BundleJob(
                $"bundle|{channel.ToWire()}|{phone}|{flushAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}", flushAt, page.AccountId, page.IncidentNumber,
                page.RequestId, page.UserId, channel, phone);
            await notifications.SendLaterAsync(bundle, flushAt - time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        await deliveries.RecordAsync(new DeliveryRecord(self.AccountId, self.Number, self.JobId, channel, self.UserId, DeliveryState.Held, null),
            timeline.Line(self.Number, self.At, self.JobId + "|held", "page_held",
                $"Held back page to {self.UserId} by {channel.ToWire()}: too many to this phone recently; it goes out in one summary at {flushAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC.",
                "klaxon"), cancellationToken).ConfigureAwait(false);
        LogHeld(self.UserId, channel.ToWire(), flushAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {JobId} was already handled; redelivery ignored")]
    private partial void LogRedelivered(string jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused a {Urgency} page to {User} by {Channel}: at least {MaxHeld} pages are already held back for this phone; it was not sent")]
    private partial void LogRefused(string user, string channel, string urgency, int maxHeld);

    [LoggerMessage(Level = LogLevel.Information, Message = "Held back page to {User} by {Channel} (throttled) until {FlushAt}")]
    private partial void LogHeld(string user, string channel, DateTimeOffset flushAt);
}
