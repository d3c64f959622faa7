using Klaxon.Common;
using Klaxon.Notifications;
using Klaxon.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaxon.Hosting;

/// <summary>
/// Runs notification messages in the invocation that published them, through the same
/// <see cref="INotificationDispatcher"/> the notifications queue's trigger uses, unless <c>Klaxon:DispatchInline</c> is
/// false. A failure is logged and answered false, so the message is queued and retried there as before.
/// </summary>
/// <remarks>
/// The dispatcher is resolved on first use: it depends (through escalation) on the notification queue, which depends on
/// this class.
/// </remarks>
public sealed partial class InlineNotifications(IServiceProvider services, IOptions<KlaxonOptions> options, ILogger<InlineNotifications> logger)
    : IImmediateNotifications
{
    private INotificationDispatcher? _dispatcher;

    public async Task<bool> TryDispatchAsync(INotificationMessage message, CancellationToken cancellationToken)
    {
        if (!options.Value.DispatchInline)
        {
            return false;
        }
        _dispatcher ??= services.GetRequiredService<INotificationDispatcher>();
        try
        {
            await _dispatcher.DispatchAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            LogQueued(message.Kind.ToWire(), message.JobId, failure);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not handle {Kind} {JobId} at once; it was queued and is retried from the queue")]
    private partial void LogQueued(string kind, string jobId, Exception failure);
}
