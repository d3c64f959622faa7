using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Klaxon.Notifications.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Klaxon.DevHost;

/// <summary>Which notification providers DevHost talks to.</summary>
public enum ProviderMode
{
    /// <summary>Whatever the settings configure; channels without settings record in the outbox. The default.</summary>
    Outbox,

    /// <summary>Prism mocks of Twilio and SendGrid with throwaway credentials: pages become validated Prism requests.</summary>
    Prism,
}

/// <summary>
/// Local conveniences so the two-way flow can be tried without any provider account: a throwaway signing key for
/// action links and a throwaway Twilio auth token (for verifying webhooks) when none is set, the listening address as
/// public base URL, and <c>POST /devhost/twilio/sms</c>, which signs a simulated reply like Twilio would and hands it to
/// <c>/twilio/sms</c>.
/// </summary>
internal static class LocalProviders
{
    public const string SimulatedSmsRoute = "/devhost/twilio/sms";

    /// <summary>Settings DevHost fills in when they are not set.</summary>
    public static Dictionary<string, string?> Defaults(IConfiguration configuration, DevHostOptions options)
    {
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["Klaxon:PublicBaseUrl"]) && !options.Urls.EndsWith(":0", StringComparison.Ordinal))
        {
            defaults["Klaxon:PublicBaseUrl"] = options.Urls.Split(';')[0].TrimEnd('/');
        }
        if (string.IsNullOrWhiteSpace(configuration["Notifications:EmailLinks:SigningKey"]))
        {
            defaults["Notifications:EmailLinks:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        if (string.IsNullOrWhiteSpace(configuration["Notifications:WebPush:AllowLoopback"]))
        {
            // Local push services (tests, a developer's) listen on loopback; Azure never sets this.
            defaults["Notifications:WebPush:AllowLoopback"] = "true";
        }
        if (string.IsNullOrWhiteSpace(configuration["Outgoing:AllowLoopback"]))
        {
            // Outgoing webhooks and chat posts to receivers on this machine (tests, a developer's); Azure never sets this.
            defaults["Outgoing:AllowLoopback"] = "true";
        }
        if (string.IsNullOrWhiteSpace(configuration["Notifications:Twilio:AuthToken"]))
        {
            defaults["Notifications:Twilio:AuthToken"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }
        return defaults;
    }

    /// <summary>
    /// <c>POST /devhost/twilio/sms</c> (operator key as <c>Authorization: Bearer</c>; form fields <c>From</c> and <c>Body</c>): what Twilio would send when
    /// that phone replies, signed with the configured auth token; answers with Klaxon's TwiML reply.
    /// </summary>
    public static void MapSimulatedSms(WebApplication app, Func<HttpRequest, bool> isOperator)
    {
        app.MapPost(SimulatedSmsRoute, async (HttpContext context) =>
        {
            if (!isOperator(context.Request))
            {
                return Results.Unauthorized();
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["From"] = form["From"].ToString(),
                ["Body"] = form["Body"].ToString(),
                ["To"] = app.Configuration["Notifications:Twilio:FromNumber"] ?? "",
                ["MessageSid"] = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            };
            var url = $"{app.Configuration["Klaxon:PublicBaseUrl"]!.TrimEnd('/')}/{TwilioRoutes.Sms}";
            var signature = Sign(app.Configuration["Notifications:Twilio:AuthToken"]!, url, fields);
            var self = $"{context.Request.Scheme}://{context.Request.Host}/{TwilioRoutes.Sms}";
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, self) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("X-Twilio-Signature", signature);
            using var response = await client.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "text/plain", Encoding.UTF8, (int)response.StatusCode);
        });
    }

    /// <summary>Twilio's webhook signature: base64(HMAC-SHA1(auth token, URL + each field name and value in name order)).</summary>
    private static string Sign(string authToken, string url, SortedDictionary<string, string> fields)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in fields)
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    internal static string Describe(ProviderMode mode, ProviderMocks? mocks) => mocks is null
        ? string.Create(CultureInfo.InvariantCulture, $"{mode}: channels without provider settings record in the outbox")
        : $"Prism mocks: Twilio {mocks.Twilio.BaseUrl}, SendGrid {mocks.SendGrid.BaseUrl}";
}
