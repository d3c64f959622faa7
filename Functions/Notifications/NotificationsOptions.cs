using Klaxon.Common;
namespace Klaxon.Notifications;

/// <summary>
/// Provider credentials and delivery settings, under the <c>Notifications</c> section (app settings
/// <c>Notifications__Twilio__AuthToken</c> and so on). A channel whose provider is not configured falls back to the
/// outbox, which records and logs what it would have sent. None of these values is ever logged.
/// </summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    public TwilioOptions Twilio { get; set; } = new();

    public SendGridOptions SendGrid { get; set; } = new();

    public WebPushOptions WebPush { get; set; } = new();

    public EmailLinksOptions EmailLinks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

/// <summary>Twilio, for the sms and voice channels and their inbound webhooks.</summary>
public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }

    /// <summary>Secret: authenticates API calls and signs Twilio's webhooks (<c>X-Twilio-Signature</c>).</summary>
    public string? AuthToken { get; set; }

    /// <summary>E.164 number SMS and calls come from, e.g. <c>+15551230000</c>.</summary>
    public string? FromNumber { get; set; }

    /// <summary>
    /// Where the Twilio API is. Default <c>https://api.twilio.com</c>; tests and DevHost point it at a Prism mock. The
    /// Twilio library always builds api.twilio.com URLs, so a handler rewrites scheme, host and port to this.
    /// </summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public bool IsConfigured => SecretSettings.IsSet(AccountSid) && SecretSettings.IsSet(AuthToken) && SecretSettings.IsSet(FromNumber);
}

/// <summary>SendGrid, for the email channel and its event webhook.</summary>
public sealed class SendGridOptions
{
    /// <summary>Secret.</summary>
    public string? ApiKey { get; set; }

    public string? FromAddress { get; set; }

    /// <summary>
    /// The event webhook's verification key (base64 DER, as SendGrid shows it). Events are refused (403) without it:
    /// an unverifiable webhook must not change state.
    /// </summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>Where the SendGrid API is. Default <c>https://api.sendgrid.com</c>; tests and DevHost use a Prism mock.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.sendgrid.com";

    public bool IsConfigured => SecretSettings.IsSet(ApiKey) && SecretSettings.IsSet(FromAddress);
}

/// <summary>Web Push with VAPID (RFC 8292) for the push channel.</summary>
public sealed class WebPushOptions
{
    /// <summary>Base64url uncompressed P-256 public key; browsers subscribe with it as <c>applicationServerKey</c>.</summary>
    public string? VapidPublicKey { get; set; }

    /// <summary>Secret: base64url P-256 private key.</summary>
    public string? VapidPrivateKey { get; set; }

    /// <summary>Contact for push services, a <c>mailto:</c> or <c>https:</c> URL.</summary>
    public string? Subject { get; set; }

    public bool IsConfigured => SecretSettings.IsSet(VapidPublicKey) && SecretSettings.IsSet(VapidPrivateKey) && SecretSettings.IsSet(Subject);

    /// <summary>
    /// Hosts push endpoints may name, comma-separated; <c>*.</c> matches any subdomain. Default: the push services of
    /// Chrome and Edge (FCM), Firefox (Mozilla autopush), Windows (WNS) and Safari (Apple): a browser's subscription
    /// always points at one of them, so an endpoint elsewhere is someone aiming Klaxon at another server.
    /// </summary>
    public string AllowedHosts { get; set; } = "fcm.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com";

    /// <summary>
    /// DevHost and tests only: also allow loopback endpoints (<c>http</c> too), where local push services run.
    /// Default false; never set it in Azure.
    /// </summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>Signed acknowledge/resolve links in emails and push notifications.</summary>
public sealed class EmailLinksOptions
{
    /// <summary>Secret: the HMAC-SHA256 key of action links, at least 32 bytes of randomness (any string of 32+ characters).</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a link works. Default 24 hours.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    public bool IsConfigured => SecretSettings.IsSet(SigningKey);

    /// <summary>The shortest signing key accepted, in UTF-8 bytes: the HMAC-SHA256 key size.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>What start-up says when the key is too short.</summary>
    public const string SigningKeyRule =
        "Notifications:EmailLinks:SigningKey must be at least 32 bytes (for example 32 random bytes, base64-encoded); leave it empty to send no action links.";

    /// <summary>No key (links are off) or a key of at least <see cref="MinSigningKeyBytes"/> bytes.</summary>
    public bool IsStrongEnough => !IsConfigured || System.Text.Encoding.UTF8.GetByteCount(SigningKey!) >= MinSigningKeyBytes;
}

/// <summary>How pages are retried and throttled.</summary>
public sealed class DeliveryOptions
{
    /// <summary>
    /// First delay of the in-process retry of a transient provider failure (5xx, 429, timeout); it doubles per try, with
    /// jitter. Default 1 second.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>In-process retries of one provider call after the first try. Default 3.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Timeout of one provider call. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When the in-process retries are spent, the page goes back on the queue after this delay, doubled per round.
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan RequeueBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rounds on the queue before a page is recorded as failed. Default 4.</summary>
    public int MaxRequeues { get; set; } = 4;

    /// <summary>
    /// The window of per-phone throttling. Default 15 minutes. Within it a phone gets at most
    /// <see cref="SmsPerWindow"/> SMS and <see cref="CallsPerWindow"/> calls (GoAlert's limits); pages beyond that are
    /// held and sent as one summary when the window allows.
    /// </summary>
    public TimeSpan ThrottleWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>SMS per phone per <see cref="ThrottleWindow"/>. Default 5.</summary>
    public int SmsPerWindow { get; set; } = 5;

    /// <summary>Calls per phone per <see cref="ThrottleWindow"/>. Default 3.</summary>
    public int CallsPerWindow { get; set; } = 3;
}
