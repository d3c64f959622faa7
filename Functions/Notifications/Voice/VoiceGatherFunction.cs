using Klaxon.Http;
using Klaxon.Notifications.Twilio;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications.Voice;

/// <summary>
/// <c>POST /twilio/voice/gather?a=&amp;n=&amp;u=&amp;j=</c>: the digit pressed on a page call (the <c>&lt;Gather&gt;</c>
/// action URL). 4 acknowledges, 6 resolves; <c>n</c> may list several incidents of account <c>a</c> (a summary call).
/// Answers TwiML; unsigned requests get 403. A keypress is acted on once per call and action URL: a captured, validly
/// signed request replayed later (same <c>CallSid</c>, same URL) is told so and hung up on, and changes nothing.
/// </summary>
public sealed class VoiceGatherFunction(TwilioSignature signature, VoiceGatherHandler handler, OnceLog presses)
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
        var once = OnceKeyFor(twilio);
        if (once is { } seen && await presses.WasUsedAsync(seen, cancellationToken).ConfigureAwait(false))
        {
            return XmlResponses.Xml(TwimlResponses.SayAndHangUp(VoiceGatherText.AlreadyActedOn));
        }
        var twiml = await handler.HandleAsync(twilio, target, cancellationToken).ConfigureAwait(false);
        if (once is { } used)
        {
            await presses.MarkUsedAsync(used, cancellationToken).ConfigureAwait(false);
        }
        return XmlResponses.Xml(twiml);
    }

    /// <summary>
    /// Row <c>voice|{sha256(CallSid, action URL)}</c> in the contacts table, for a press of an acting digit (4 or 6).
    /// The URL is the gather step: a re-prompt posts to the same URL, and the call ends once a digit has acted, so one
    /// acting press per (call, step) is all a genuine call ever sends. Other digits only ask again and are not noted;
    /// a request without a <c>CallSid</c> (Twilio always sends one) is never a replay.
    /// </summary>
    private static OnceKey? OnceKeyFor(TwilioRequest twilio) =>
        twilio.Field("CallSid") is { } callSid
        && twilio.Field("Digits") is VoiceGatherText.AcknowledgeDigit or VoiceGatherText.ResolveDigit
            ? OnceLog.Key(StorageNames.ContactsTable, "seen", "voice|", callSid + "\n" + twilio.Url, hashedInRow: false)
            : null;

    /// <summary>The parameter's value when it appears exactly once and is not empty.</summary>
    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
