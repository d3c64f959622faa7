using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// Puts incident events on the outgoing queue, hidden for <see cref="OutgoingOptions.AnnounceDelay"/> so the commit that
/// records them lands first. Accounts with no receiver for an event's kind cost nothing: the check uses the in-memory
/// account snapshot, and nothing is queued.
/// </summary>
public sealed class OutgoingEventPublisher(AccountStore accounts, OutgoingQueue queue, IOptions<OutgoingOptions> options) : IIncidentEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<IncidentEventNotice> notices, CancellationToken cancellationToken)
    {
        foreach (var notice in notices)
        {
            var config = await accounts.GetCachedAsync(notice.AccountId, cancellationToken).ConfigureAwait(false);
            if (config is not null && HasReceiver(config, notice.Kind))
            {
                await queue.SendAsync(new OutgoingAnnouncement(notice), options.Value.AnnounceDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Any enabled webhook subscribed to the kind, or any team posting it to chat (the team is checked later).</summary>
    public static bool HasReceiver(AccountConfig config, IncidentEventKind kind) =>
        config.OutgoingWebhooks.Any(webhook => webhook.Subscribes(kind))
        || (ChatTargetConfig.Events.Contains(kind) && config.Teams.Any(team => team.Chat.Count > 0));
}
