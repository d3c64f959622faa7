using Klaxon.Http;
using Klaxon.Notifications.Twilio;
using Klaxon.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// <c>POST /twilio/sms</c>: the Twilio number's "A message comes in" webhook. Replies like <c>42a</c> acknowledge and
/// <c>42r</c> resolve; the answer is a TwiML <c>&lt;Message&gt;</c> back to the sender. Unsigned requests get 403; a
/// message already acted on (same <c>MessageSid</c>) gets an empty answer and changes nothing.
/// </summary>
public sealed class InboundSmsFunction(TwilioSignature signature, SmsReplyHandler handler, OnceLog replies)
{
    [Function("TwilioInboundSms")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = TwilioRoutes.Sms)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await signature.VerifyAsync(request.ToSignedWebhook(TwilioSignature.Header), cancellationToken).ConfigureAwait(false) is not { } twilio)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
        // Row sms|{sha256(MessageSid)} in the contacts table. A message without an id (Twilio always sends one) is never a replay.
        OnceKey? once = twilio.Field("MessageSid") is { } messageSid
            ? OnceLog.Key(StorageNames.ContactsTable, "seen", "sms|", messageSid, hashedInRow: false)
            : null;
        if (once is { } seen && await replies.WasUsedAsync(seen, cancellationToken).ConfigureAwait(false))
        {
            // A replay of a message already acted on: do nothing, say nothing.
            return XmlResponses.Xml(TwimlResponses.Empty());
        }
        var reply = await handler.HandleAsync(twilio.Field("From"), twilio.Field("Body"), cancellationToken).ConfigureAwait(false);
        if (once is { } used)
        {
            await replies.MarkUsedAsync(used, cancellationToken).ConfigureAwait(false);
        }
        return XmlResponses.Xml(reply is null ? TwimlResponses.Empty() : TwimlResponses.Message(reply));
    }
}
