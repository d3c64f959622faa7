using Klaxon.Http;
using Klaxon.Incidents;
using Klaxon.Notifications.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// <c>POST /twilio/status?a=&amp;n=&amp;j=</c>: message and call status callbacks. Each moves the page's delivery
/// record forward and adds a timeline line ("SMS to alice delivered."); repeated or late reports change nothing.
/// Answers 204 when applied or stale, 200 for a status Klaxon does not know (ignored), 400 for a callback URL without
/// a valid account, incident and job, 403 when unsigned.
/// </summary>
public sealed partial class TwilioStatusFunction(TwilioSignature signature, DeliveryLog deliveries, ILogger<TwilioStatusFunction> logger)
{
    /// <summary>Where delivery reports from Twilio are recorded as coming from.</summary>
    public const string Provider = "twilio";

    /// <summary>Tries when another report for the same message is written at the same moment. Default 3.</summary>
    private const int Attempts = 3;

    [Function("TwilioStatus")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TwilioRoutes.Status)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await signature.VerifyAsync(request.ToSignedWebhook(TwilioSignature.Header), cancellationToken).ConfigureAwait(false) is not { } twilio)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
        var accountId = request.Query[TwilioRoutes.AccountParameter].ToString();
        var jobId = request.Query[TwilioRoutes.JobParameter].ToString();
        if (accountId.Length == 0 || jobId.Length == 0
            || !IncidentNumberFormat.TryParse(request.Query[TwilioRoutes.IncidentParameter].ToString(), out var number))
        {
            LogBadCallbackUrl();
            return new BadRequestResult();
        }
        if (TwilioStatusMap.Map(twilio) is not { } report)
        {
            LogUnknownStatus(accountId, number, jobId);
            return new OkResult();
        }
        // Another report for this message may land first: the log then reads its new state and decides again.
        var update = new DeliveryStatusUpdate(accountId, number, jobId, report.State, Provider, report.Detail);
        await deliveries.RecordStatusAsync(update, cancellationToken, maxAttempts: Attempts).ConfigureAwait(false);
        return new NoContentResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio status callback URL lacks a valid account, incident or job")]
    private partial void LogBadCallbackUrl();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a Twilio status Klaxon does not know, for #{Number} of account {AccountId}, job {JobId}")]
    private partial void LogUnknownStatus(string accountId, long number, string jobId);
}
