using System.Globalization;
using System.Net;
using Klaxon.Notifications.Channels;
using Polly.Timeout;
using Twilio.Exceptions;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// What a failed Twilio API call means for the page: 429, 408 and 5xx, timeouts and network errors are
/// <see cref="SendOutcome.Transient"/> (the page is requeued); any other 4xx, such as an invalid number (21211), a
/// landline (21614), an unsubscribed recipient (21610), a region not enabled (21408) or rejected credentials (20003),
/// is <see cref="SendOutcome.Permanent"/>. Details name Twilio's error code and say what it means; they never hold a
/// credential (Twilio's error bodies do not echo the auth token, and the library's own messages name only the URL).
/// </summary>
public static class TwilioErrors
{
    /// <summary>Twilio error codes Klaxon meets when sending, in the words the timeline shows.</summary>
    private static readonly Dictionary<int, string> Known = new()
    {
        [20003] = "authentication failed (check Notifications:Twilio:AccountSid and AuthToken)",
        [20404] = "not found (check Notifications:Twilio:AccountSid)",
        [20429] = "too many requests",
        [21211] = "invalid 'To' number",
        [21212] = "invalid 'From' number (check Notifications:Twilio:FromNumber)",
        [21214] = "'To' number cannot be reached",
        [21215] = "calling this region is not enabled (geo permissions)",
        [21216] = "'To' number is blocked by Twilio",
        [21217] = "invalid phone number",
        [21219] = "'To' number is not verified (trial account)",
        [21408] = "sending to this region is not enabled (geo permissions)",
        [21606] = "'From' number cannot send SMS",
        [21608] = "'To' number is not verified (trial account)",
        [21610] = "recipient replied STOP (unsubscribed)",
        [21612] = "'To' number cannot receive this message",
        [21614] = "'To' number is not a mobile number",
        [21617] = "message body too long",
    };

    /// <summary>Maps a failure of a call that was not cancelled by its caller.</summary>
    /// <param name="lastStatus">The HTTP status of the last response, for errors whose body Twilio's library could not read.</param>
    /// <param name="attempts">Requests sent, retries included.</param>
    public static SendResult Classify(Exception exception, HttpStatusCode? lastStatus, int attempts)
    {
        var tries = attempts > 1 ? $" after {attempts.ToString(CultureInfo.InvariantCulture)} tries" : "";
        switch (exception)
        {
            case ApiException api:
            {
                var status = api.Status != 0 ? api.Status : (int?)lastStatus;
                var detail = Describe(api.Code, status, api.Code != 0 ? api.Message : null) + tries;
                return IsTransient(status) ? SendResult.Transient(detail) : SendResult.Permanent(detail);
            }
            case ApiStandardException api:
            {
                var status = api.Status != 0 ? api.Status : (int?)lastStatus;
                var detail = Describe(api.Code, status, api.Code != 0 ? api.Message : null) + tries;
                return IsTransient(status) ? SendResult.Transient(detail) : SendResult.Permanent(detail);
            }
            case ApiConnectionException connection:
                return SendResult.Transient(connection.InnerException switch
                {
                    TimeoutRejectedException or TaskCanceledException or TimeoutException => "Twilio did not answer in time" + tries,
                    HttpRequestException http => $"Twilio could not be reached ({http.HttpRequestError})" + tries,
                    _ => "Twilio could not be reached" + tries,
                });
            default:
                // Anything else from the library (say, a response it could not read) may be passing: try again later.
                return SendResult.Transient($"Twilio call failed ({exception.GetType().Name})" + tries);
        }
    }

    /// <summary>429, 408, 5xx, and no status at all (no response) are worth another try later.</summary>
    public static bool IsTransient(int? status) => status is null or 0 or 408 or 429 or >= 500;

    /// <summary><c>Twilio 21211: invalid 'To' number</c>, or for unknown codes Twilio's own message (shortened).</summary>
    public static string Describe(int code, int? status, string? message)
    {
        var http = status is > 0 ? $" (HTTP {status.Value.ToString(CultureInfo.InvariantCulture)})" : "";
        if (code == 0)
        {
            return status switch
            {
                401 or 403 => $"Twilio refused the credentials{http}",
                _ => $"Twilio error{http}",
            };
        }
        var text = Known.TryGetValue(code, out var known) ? known : Shorten(message) ?? "error";
        return $"Twilio {code.ToString(CultureInfo.InvariantCulture)}: {text}" + (Known.ContainsKey(code) ? "" : http);
    }

    private static string? Shorten(string? message) =>
        string.IsNullOrWhiteSpace(message) ? null : message.Length <= 200 ? message : message[..200] + "...";
}
