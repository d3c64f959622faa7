using System.Globalization;
using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Klaxon.Notifications.Email;

/// <summary>
/// The email channel: one SendGrid v3 mail send per page, through the SendGrid library on the resilient
/// <see cref="HttpClientName"/> client. Custom args <c>klaxon_account</c>, <c>klaxon_incident</c> and <c>klaxon_job</c>
/// come back in SendGrid's event webhook and tie its events to the page's delivery record.
/// </summary>
public sealed partial class SendGridEmailSender(
    IHttpClientFactory httpClients, IOptions<NotificationsOptions> options, ActionLinks links, ILogger<SendGridEmailSender> logger) : IChannelSender
{
    /// <summary>The named HttpClient SendGrid calls go through (with <c>AddProviderResilience</c>).</summary>
    public const string HttpClientName = "sendgrid";

    /// <summary>Custom arg names; SendGrid echoes them in every event of the message.</summary>
    public const string AccountArg = "klaxon_account", IncidentArg = "klaxon_incident", JobArg = "klaxon_job";

    /// <summary>Longest provider detail kept for the timeline.</summary>
    private const int MaxDetailLength = 300;

    private SendGridOptions Settings => options.Value.SendGrid;

    public NotificationChannel Channel => NotificationChannel.Email;

    public bool IsConfigured => Settings.IsConfigured;

    public async Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var settings = Settings;
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), new SendGridClientOptions
        {
            ApiKey = settings.ApiKey,
            Host = settings.ApiBaseUrl,
        });
        var message = CreateMessage(page, settings.FromAddress!, EmailContent.Create(page, links));
        try
        {
            var response = await client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) // 202 Accepted
            {
                var id = response.Headers?.TryGetValues("X-Message-Id", out var values) == true ? values.FirstOrDefault() : null;
                return SendResult.Accepted(string.IsNullOrWhiteSpace(id) ? "sendgrid" : id);
            }
            var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var detail = Redact(Detail(status, body), settings.ApiKey);
            LogRefused(logger, page.JobId, status);
            return status is 408 or 429 or >= 500 ? SendResult.Transient(detail) : SendResult.Permanent(detail);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Network errors and timeouts after the in-process retries; the exception text names no credential, but only
            // its type is kept, so nothing from the request can leak onto the timeline.
            LogUnreachable(logger, page.JobId, ex.GetType().Name);
            return SendResult.Transient($"SendGrid unreachable ({ex.GetType().Name})");
        }
    }

    /// <summary>The mail send request: a top-level subject (the v3 schema requires one), text and HTML parts, and the custom args.</summary>
    public static SendGridMessage CreateMessage(OutgoingPage page, string fromAddress, EmailContent content)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(content);
        var message = new SendGridMessage();
        message.SetFrom(new EmailAddress(fromAddress, "Klaxon"));
        message.AddTo(new EmailAddress(page.Address, string.IsNullOrWhiteSpace(page.UserName) ? null : EmailContent.OneLine(page.UserName)));
        message.SetGlobalSubject(content.Subject);
        message.AddContent(MimeType.Text, content.Text);
        message.AddContent(MimeType.Html, content.Html);
        var incident = page.Incidents[0];
        message.AddCustomArg(AccountArg, page.AccountId);
        message.AddCustomArg(IncidentArg, incident.Number.ToString(CultureInfo.InvariantCulture));
        message.AddCustomArg(JobArg, page.JobId);
        return message;
    }

    /// <summary><c>SendGrid 400: Does not contain a valid address. (personalizations.0.to.0.email)</c>, from SendGrid's <c>errors[]</c>.</summary>
    public static string Detail(int status, string body)
    {
        var messages = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var field = error.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        messages.Add(string.IsNullOrWhiteSpace(field) ? text : $"{text} ({field})");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's error shape (a proxy's HTML page, say): the status alone says enough.
        }
        var detail = EmailContent.OneLine($"SendGrid {status.ToString(CultureInfo.InvariantCulture)}" + (messages.Count > 0 ? ": " + string.Join("; ", messages) : ""));
        return detail.Length <= MaxDetailLength ? detail : detail[..(MaxDetailLength - 1)] + "…";
    }

    /// <summary>Belt and braces: an error message that echoes the API key never reaches the timeline.</summary>
    private static string Redact(string detail, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? detail : detail.Replace(apiKey, "[redacted]", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid refused email for job {JobId} with status {Status}.")]
    private static partial void LogRefused(ILogger logger, string jobId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid was unreachable for email job {JobId} ({Error}).")]
    private static partial void LogUnreachable(ILogger logger, string jobId, string error);
}
