using System.Net;
using Klaxon.Common;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Push;

/// <summary>
/// Which push endpoints Klaxon sends to: hosts of real push services (<see cref="WebPushOptions.AllowedHosts"/>), and
/// loopback only where <see cref="WebPushOptions.AllowLoopback"/> is on. Checked when a subscription is added and again
/// before every send; the connection itself then goes only to public addresses (see <c>OutboundAddresses</c>).
/// </summary>
public sealed class PushEndpointPolicy(IOptions<NotificationsOptions> options)
{
    /// <summary>Null when the endpoint may be used, else the error for its <c>endpoint</c> field.</summary>
    public FieldError? Check(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return new FieldError("endpoint", "must be an absolute https URL");
        }
        var push = options.Value.WebPush;
        if (push.AllowLoopback && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))))
        {
            return null;
        }
        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && IsAllowedHost(uri.IdnHost, push.AllowedHosts)
            ? null
            : new FieldError("endpoint", $"must be an https URL of a browser push service ({push.AllowedHosts}), on its default port");
    }

    private static bool IsAllowedHost(string host, string allowed) =>
        allowed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(pattern =>
            pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
                : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
}
