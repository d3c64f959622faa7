using System.Globalization;
using Klaxon.Notifications.Delivery;

namespace Klaxon.Notifications.Twilio;

/// <summary>A status callback translated: how far the message or call got, and a detail for the timeline.</summary>
public sealed record TwilioStatusReport(DeliveryState State, string? Detail);

/// <summary>
/// Maps Twilio's message and call status callbacks to <see cref="DeliveryState"/>.
/// Messages (<c>MessageStatus</c>): queued, accepted, scheduled → Queued; sending, sent → Sent; delivered, read →
/// Delivered; undelivered, failed, canceled → Failed with "error 30003" when Twilio gives an <c>ErrorCode</c>.
/// Calls (<c>CallStatus</c>): queued → Queued; initiated, ringing → Sent; in-progress, completed → Delivered
/// ("answered"); busy, no-answer, failed, canceled → Failed with the status as detail. Anything else is unknown (null).
/// </summary>
public static class TwilioStatusMap
{
    public static TwilioStatusReport? Map(TwilioRequest callback) =>
        callback.Field("CallStatus") is { } callStatus ? MapCall(callStatus, callback.Field("CallDuration"))
        : callback.Field("MessageStatus") is { } messageStatus ? MapMessage(messageStatus, callback.Field("ErrorCode"))
        : null;

    public static TwilioStatusReport? MapMessage(string status, string? errorCode) => status switch
    {
        "queued" or "accepted" or "scheduled" => new(DeliveryState.Queued, null),
        "sending" or "sent" => new(DeliveryState.Sent, null),
        "delivered" or "read" => new(DeliveryState.Delivered, null),
        // Only a plain number is echoed into the timeline; the status name otherwise.
        "undelivered" or "failed" or "canceled" => new(DeliveryState.Failed,
            IsCode(errorCode) ? "error " + errorCode : status),
        _ => null,
    };

    public static TwilioStatusReport? MapCall(string status, string? duration) => status switch
    {
        "queued" => new(DeliveryState.Queued, null),
        "initiated" or "ringing" => new(DeliveryState.Sent, null),
        "in-progress" => new(DeliveryState.Delivered, "answered"),
        "completed" => new(DeliveryState.Delivered, IsCode(duration) ? $"answered, {duration} s" : "answered"),
        "busy" or "no-answer" or "failed" or "canceled" => new(DeliveryState.Failed, status),
        _ => null,
    };

    private static bool IsCode(string? text) =>
        text is { Length: > 0 and <= 9 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
