using Klaxon.Accounts;
using Klaxon.Notifications.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Clients;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// Runs one Twilio create call (a message or a call) for a page and turns what happened into a
/// <see cref="SendResult"/>: the SID when Twilio took it, else <see cref="TwilioErrors"/>' reading of the failure.
/// Provider failures never throw; only the caller's cancellation does.
/// </summary>
public sealed partial class TwilioApi(IHttpClientFactory httpClients, IOptions<NotificationsOptions> options, ILogger<TwilioApi> logger)
{
    public TwilioOptions Options => options.Value.Twilio;

    /// <param name="create">Creates the resource with the client it is given and returns its SID.</param>
    public async Task<SendResult> CreateAsync(OutgoingPage page, Func<ITwilioRestClient, Task<string>> create, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var call = TwilioCallContext.Begin(cancellationToken);
        try
        {
            var sid = await create(TwilioHttp.CreateClient(httpClients, Options)).ConfigureAwait(false);
            LogAccepted(page.Channel, page.JobId, page.AccountId, page.Incidents[0].Number, page.Incidents.Count, sid, call.Attempts);
            return SendResult.Accepted(sid);
        }
        catch (Exception exception)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The library wraps the cancelled request in its own exception; the caller asked for a cancellation.
                throw new OperationCanceledException("The Twilio call was cancelled.", exception, cancellationToken);
            }
            var result = TwilioErrors.Classify(exception, call.LastStatus, call.Attempts);
            LogFailed(page.Channel, page.JobId, page.AccountId, page.Incidents[0].Number, result.Outcome, result.Detail);
            return result;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} {Channel} page {JobId} ({Incidents} incidents, account {AccountId}) accepted by Twilio as {Sid} after {Attempts} tries")]
    private partial void LogAccepted(NotificationChannel channel, string jobId, string accountId, long incidentNumber, int incidents, string sid, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "#{IncidentNumber} {Channel} page {JobId} (account {AccountId}) not sent: {Outcome}, {Detail}")]
    private partial void LogFailed(NotificationChannel channel, string jobId, string accountId, long incidentNumber, SendOutcome outcome, string? detail);
}
