using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Delivery;

/// <summary>
/// Where a page goes when its channel's provider is not configured: it logs the message it would have sent and
/// reports it accepted, so the timeline shows the page and DevHost works with no credentials.
/// </summary>
public sealed partial class OutboxChannel(ILogger<OutboxChannel> logger)
{
    public const string ProviderId = "outbox";

    public Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var gist = string.Join("; ", page.Incidents.Select(incident => $"{incident.Heading} {incident.Title}"));
        LogWouldSend(page.UserId, page.Channel.ToWire(), gist);
        return Task.FromResult(SendResult.Accepted(ProviderId, $"no {page.Channel.ToWire()} provider configured"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: would page {User} by {Channel}: {Gist}")]
    private partial void LogWouldSend(string user, string channel, string gist);
}
