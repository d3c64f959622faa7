using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// Sends requests for <c>https://api.twilio.com</c> to <see cref="TwilioOptions.ApiBaseUrl"/> instead (scheme, host,
/// port and any path prefix), because Twilio's C# library has no base-URL setting. With the default base URL it
/// changes nothing.
/// </summary>
internal sealed class TwilioBaseUrlHandler(IOptions<NotificationsOptions> options) : DelegatingHandler
{
    public const string TwilioApiHost = "api.twilio.com";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Host.Equals(TwilioApiHost, StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(options.Value.Twilio.ApiBaseUrl, UriKind.Absolute, out var target)
            && !target.Host.Equals(TwilioApiHost, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new UriBuilder(uri)
            {
                Scheme = target.Scheme,
                Host = target.Host,
                Port = target.Port,
                Path = target.AbsolutePath.TrimEnd('/') + uri.AbsolutePath,
            }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
