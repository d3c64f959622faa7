using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// Makes one attempt at one delivery and decides what follows: delivered; tried again later (5xx, 408, 429 with its
/// <c>Retry-After</c>, timeouts, network errors: <see cref="DeliveryRetry"/>), as a new message hidden until then, so no
/// worker waits; or given up (a permanent failure or the last attempt), which is written on the incident's timeline and
/// logged as a warning. Every attempt is recorded in the receiver's delivery log. The receiver is looked up in the
/// current configuration at each attempt: a removed or disabled one gets nothing more.
/// </summary>
public sealed partial class OutgoingDeliverer(
    AccountStore accounts,
    OutgoingSender sender,
    OutgoingUrlPolicy urls,
    DeliveryAttemptLog log,
    OutgoingQueue queue,
    IncidentStore incidents,
    IOptions<OutgoingOptions> options,
    TimeProvider time,
    ILogger<OutgoingDeliverer> logger)
{
    /// <remarks>Its span names the target by kind and id: a receiver's URL can hold its secret (Slack's do), so never the URL.</remarks>
    public Task DeliverAsync(OutgoingDelivery delivery, CancellationToken cancellationToken) =>
        KlaxonTelemetry.StepAsync(KlaxonTelemetry.Outgoing, span => span
                .SetTag(KlaxonTelemetry.StepAttribute, "deliver")
                .SetTag(KlaxonTelemetry.AccountAttribute, delivery.AccountId)
                .SetTag(KlaxonTelemetry.IncidentAttribute, delivery.IncidentNumber)
                .SetTag(KlaxonTelemetry.RequestAttribute, delivery.RequestId)
                .SetTag(KlaxonTelemetry.TargetAttribute, delivery.Target.ToWire())
                .SetTag(KlaxonTelemetry.AttemptAttribute, delivery.Attempt),
            () => DeliverCoreAsync(delivery, cancellationToken));

    private async Task DeliverCoreAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var config = await accounts.GetCachedAsync(delivery.AccountId, cancellationToken).ConfigureAwait(false);
        if (config is null || Receiver(config, delivery) is not { } receiver)
        {
            await log.RecordAsync(delivery, new DeliveryAttempt(time.GetUtcNow(), DeliveryOutcome.Skipped, null, "the receiver was removed or disabled", null), cancellationToken)
                .ConfigureAwait(false);
            return;
        }
        var outcome = await urls.CheckAsync(receiver.Url, resolve: false, cancellationToken).ConfigureAwait(false) is { } rule
            ? new AttemptOutcome(AttemptResult.Permanent, null, "url " + rule, null)
            : await sender.SendAsync(delivery, receiver.Url, receiver.Secret, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var settings = options.Value;
        var delay = outcome.Result == AttemptResult.Transient
            ? DeliveryRetry.NextDelay(delivery.Attempt, settings.MaxAttempts, settings.RetryBaseDelay, settings.MaxRetryDelay, outcome.RetryAfter, Random.Shared.NextDouble())
            : null;
        var result = outcome.Result == AttemptResult.Delivered ? DeliveryOutcome.Delivered : delay is null ? DeliveryOutcome.GaveUp : DeliveryOutcome.Retrying;
        await log.RecordAsync(delivery, new DeliveryAttempt(now, result, outcome.Status, outcome.Detail, now + delay), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case DeliveryOutcome.Retrying:
                await queue.SendAsync(delivery with { Attempt = delivery.Attempt + 1, FirstAttemptAt = delivery.FirstAttemptAt ?? now }, delay!.Value, cancellationToken)
                    .ConfigureAwait(false);
                LogRetrying(delivery.Target.ToWire(), delivery.TargetId, delivery.EventId, delivery.Attempt, Describe(outcome), delay.Value);
                return;
            case DeliveryOutcome.GaveUp:
                await ReportGiveUpAsync(delivery, outcome, now, cancellationToken).ConfigureAwait(false);
                break;
        }
        await log.TrimAsync(delivery, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gave up: says so on the incident's timeline (once per delivery) and in a warning.</summary>
    private async Task ReportGiveUpAsync(OutgoingDelivery delivery, AttemptOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var what = delivery.Target == OutgoingTargetKind.Webhook ? $"Outgoing webhook '{delivery.TargetId}'" : $"{delivery.Target.ToWire()} channel {delivery.TargetId}";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{what} did not take {WebhookPayload.TypeOf(delivery.EventKind)} ({delivery.EventId}): gave up after {delivery.Attempt} attempt(s); last: {Describe(outcome)}.");
        var lineId = $"out|{delivery.EventId}|{delivery.Target.ToWire()}|{delivery.TargetId}";
        await incidents.AddTimelineNoteAsync(delivery.AccountId,
            new TimelineNote(delivery.IncidentNumber, new EventOrder(now, lineId), "outgoing_failed", message, "outgoing", "klaxon"), lineId, now, cancellationToken)
            .ConfigureAwait(false);
        LogGaveUp(delivery.AccountId, delivery.IncidentNumber, message);
    }

    private static string Describe(AttemptOutcome outcome) =>
        outcome.Status is { } status ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}{(outcome.Detail is { } d ? " " + d : "")}" : outcome.Detail ?? "failed";

    private static (string Url, string? Secret)? Receiver(AccountConfig config, OutgoingDelivery delivery)
    {
        if (delivery.Target == OutgoingTargetKind.Webhook)
        {
            return config.FindOutgoingWebhook(delivery.TargetId) is { Enabled: true } webhook ? (webhook.Url, webhook.Secret) : null;
        }
        var separator = delivery.TargetId.LastIndexOf(':');
        if (separator < 0 || !int.TryParse(delivery.TargetId.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || config.FindTeam(delivery.TargetId[..separator]) is not { } team || index >= team.Chat.Count)
        {
            return null;
        }
        var chat = team.Chat[index];
        var expected = chat.Kind == ChatKind.Slack ? OutgoingTargetKind.Slack : OutgoingTargetKind.Teams;
        return expected == delivery.Target ? (chat.Url, null) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outgoing {Target} {TargetId}: {EventId} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    private partial void LogRetrying(string target, string targetId, string eventId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} #{IncidentNumber}: {Message}")]
    private partial void LogGaveUp(string accountId, long incidentNumber, string message);
}
