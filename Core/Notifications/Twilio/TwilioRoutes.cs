using System.Globalization;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// The webhook routes Twilio calls, and the callback URLs Klaxon hands to Twilio. Callback URLs carry the account,
/// incident, user and job they are about in their query: Twilio signs the whole URL (<c>X-Twilio-Signature</c>), so
/// they cannot be altered, and no lookup table is needed to tie a callback back to its page.
/// </summary>
public static class TwilioRoutes
{
    /// <summary>Inbound SMS (the number's "A message comes in" webhook).</summary>
    public const string Sms = "twilio/sms";

    /// <summary>Message and call status callbacks.</summary>
    public const string Status = "twilio/status";

    /// <summary>The digit gathered during a page call.</summary>
    public const string VoiceGather = "twilio/voice/gather";

    /// <summary>Query parameter names: account, incident number, user, notification job id.</summary>
    public const string AccountParameter = "a", IncidentParameter = "n", UserParameter = "u", JobParameter = "j";

    /// <summary><c>{base}/twilio/status?a=..&amp;n=..&amp;j=..</c></summary>
    public static string StatusCallback(string publicBaseUrl, string accountId, long number, string jobId) =>
        $"{publicBaseUrl.TrimEnd('/')}/{Status}?{AccountParameter}={Uri.EscapeDataString(accountId)}&{IncidentParameter}={number.ToString(CultureInfo.InvariantCulture)}&{JobParameter}={Uri.EscapeDataString(jobId)}";

    /// <summary><c>{base}/twilio/voice/gather?a=..&amp;n=..&amp;u=..&amp;j=..</c></summary>
    public static string GatherAction(string publicBaseUrl, string accountId, long number, string userId, string jobId) =>
        $"{publicBaseUrl.TrimEnd('/')}/{VoiceGather}?{AccountParameter}={Uri.EscapeDataString(accountId)}&{IncidentParameter}={number.ToString(CultureInfo.InvariantCulture)}&{UserParameter}={Uri.EscapeDataString(userId)}&{JobParameter}={Uri.EscapeDataString(jobId)}";
}
