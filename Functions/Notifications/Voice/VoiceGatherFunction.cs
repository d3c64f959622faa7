using Klaxon.Http;
using Klaxon.Notifications.Twilio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications.Voice;

/// <summary>
/// <c>POST /twilio/voice/gather?a=&amp;n=&amp;u=&amp;j=</c>: the digit pressed on a page call (the <c>&lt;Gather&gt;</c>
/// action URL). 4 acknowledges, 6 resolves; <c>n</c> may list several incidents of account <c>a</c> (a summary call).
/// Answers TwiML; unsigned requests get 403.
/// </summary>
public sealed class VoiceGatherFunction(TwilioSignature signature, VoiceGatherHandler handler)
{
    [Function("TwilioVoiceGather")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TwilioRoutes.VoiceGather)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await signature.VerifyAsync(request.ToSignedWebhook(TwilioSignature.Header), cancellationToken).ConfigureAwait(false) is not { } twilio)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
        var target = new VoiceGatherTarget(
            Single(request.Query, TwilioRoutes.AccountParameter),
            Single(request.Query, TwilioRoutes.UserParameter),
            Single(request.Query, TwilioRoutes.IncidentParameter));
        return XmlResponses.Xml(await handler.HandleAsync(twilio, target, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The parameter's value when it appears exactly once and is not empty.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
