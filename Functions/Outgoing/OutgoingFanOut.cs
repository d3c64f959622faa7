using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// Turns one announced incident event into deliveries: checks that its timeline line was committed (else looks again
/// later, then drops it), reads the incident, builds each receiver's body once (webhook JSON, Slack blocks, Teams card)
/// and queues one delivery per receiver. A redelivered announcement queues the same deliveries again, with the same
/// event id and body: receivers deduplicate on the event id.
/// </summary>
public sealed partial class OutgoingFanOut(
    IncidentReader incidents,
    AccountStore accounts,
    OutgoingQueue queue,
    IOptions<OutgoingOptions> options,
    IOptions<KlaxonOptions> klaxon,
    ILogger<OutgoingFanOut> logger)
{
    public Task AnnounceAsync(OutgoingAnnouncement announcement, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Outgoing, span => span
                .SetTag(KlaxonTelemetry.StepAttribute, "announce")
                .SetTag(KlaxonTelemetry.AccountAttribute, announcement.Notice.AccountId)
                .SetTag(KlaxonTelemetry.IncidentAttribute, announcement.Notice.IncidentNumber),
            () => AnnounceCoreAsync(announcement, cancellationToken));

    private async Task AnnounceCoreAsync(OutgoingAnnouncement announcement, CancellationToken cancellationToken)
    {
        var notice = announcement.Notice;
        var line = await incidents.GetTimelineLineAsync(notice.AccountId, notice.TimelineRow, cancellationToken).ConfigureAwait(false);
        var expected = notice.Kind == IncidentEventKind.Reopened ? IncidentEventKind.Opened : notice.Kind;
        if (line is null || IncidentEventNotice.KindOf(line.Kind) != expected)
        {
            await LookAgainAsync(announcement, cancellationToken).ConfigureAwait(false);
            return;
        }
        var config = await accounts.GetCachedAsync(notice.AccountId, cancellationToken).ConfigureAwait(false);
        var incident = await incidents.GetAsync(notice.AccountId, notice.IncidentNumber, cancellationToken, withTimeline: false).ConfigureAwait(false);
        if (config is null || incident is null)
        {
            return;
        }
        var e = EventOf(notice, line, incident, config);
        var deliveries = Deliveries(e, config, notice.RequestId).ToList();
        foreach (var delivery in deliveries)
        {
            await queue.SendAsync(delivery, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        LogAnnounced(notice.IncidentNumber, WebhookPayload.TypeOf(notice.Kind), e.EventId, deliveries.Count);
    }

    private async Task LookAgainAsync(OutgoingAnnouncement announcement, CancellationToken cancellationToken)
    {
        var checks = announcement.Checks + 1;
        if (checks >= OutgoingAnnouncement.MaxChecks)
        {
            // The decision that published it lost a race and was taken again differently: nothing was committed.
            LogDropped(announcement.Notice.IncidentNumber, WebhookPayload.TypeOf(announcement.Notice.Kind), announcement.Notice.TimelineRow);
            return;
        }
        var delay = options.Value.AnnounceDelay * (1 << checks);
        await queue.SendAsync(announcement with { Checks = checks }, delay, cancellationToken).ConfigureAwait(false);
    }

    private OutgoingEvent EventOf(IncidentEventNotice notice, TimelineEntry line, Incident incident, AccountConfig config) => new(
        notice.EventId,
        notice.Kind,
        line.At,
        notice.AccountId,
        new OutgoingIncident(
            incident.Number,
            incident.Id,
            OutgoingIncident.CutTitle(incident.Title),
            incident.Urgency,
            incident.Status,
            incident.TeamId,
            incident.TeamId is { } team ? config.FindTeam(team)?.Name : null,
            incident.IntegrationId,
            incident.AlertCount,
            incident.CreatedAt,
            OutgoingIncident.LinkFor(klaxon.Value.PublicBaseUrl, notice.AccountId, incident.Number)),
        line.Actor,
        config.FindUser(line.Actor)?.Name,
        line.Source,
        line.Message,
        notice.PreviousNumber);

    /// <summary>One delivery per subscribed webhook, and per chat channel of the incident's team for the kinds chat shows.</summary>
    public static IEnumerable<OutgoingDelivery> Deliveries(OutgoingEvent e, AccountConfig config, string requestId)
    {
        string? webhookBody = null;
        foreach (var webhook in config.OutgoingWebhooks.Where(webhook => webhook.Subscribes(e.Kind)))
        {
            webhookBody ??= WebhookPayload.Create(e);
            yield return new OutgoingDelivery(e.EventId, e.Kind, e.AccountId, e.Incident.Number, OutgoingTargetKind.Webhook, webhook.Id, webhookBody, requestId);
        }
        if (!ChatTargetConfig.Events.Contains(e.Kind) || e.Incident.TeamId is not { } teamId || config.FindTeam(teamId) is not { } team)
        {
            yield break;
        }
        for (var index = 0; index < team.Chat.Count; index++)
        {
            var (target, body) = team.Chat[index].Kind == ChatKind.Slack
                ? (OutgoingTargetKind.Slack, SlackMessage.Create(e))
                : (OutgoingTargetKind.Teams, TeamsMessage.Create(e));
            yield return new OutgoingDelivery(e.EventId, e.Kind, e.AccountId, e.Incident.Number, target, OutgoingDelivery.ChatTargetId(team.Id, index), body, requestId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} {Type} ({EventId}): {Count} deliveries queued")]
    private partial void LogAnnounced(long incidentNumber, string type, string eventId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} {Type}: timeline line {Row} was never committed; nothing sent")]
    private partial void LogDropped(long incidentNumber, string type, string row);
}
