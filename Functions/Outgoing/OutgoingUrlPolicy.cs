using System.Net;
using System.Net.Sockets;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.Extensions.Options;

namespace Klaxon.Outgoing;

/// <summary>
/// Which URLs outgoing webhooks and chat posts may use: <c>https</c> to hosts that resolve to public addresses only
/// (<see cref="OutboundAddresses.IsPublic"/>), and <c>http</c> or loopback only where
/// <see cref="OutgoingOptions.AllowLoopback"/> is on (DevHost, tests). Checked when the document is saved (answering 400
/// at the field's JSON path), again before every attempt, and by the connection itself, which dials only public
/// addresses (<see cref="OutboundAddresses.ConnectPublicOnly"/>), so a name re-pointed after the save is refused too.
/// A host that does not resolve when the document is saved is accepted: DNS may be down for a moment, and the
/// connection check still applies.
/// </summary>
public sealed class OutgoingUrlPolicy(IOptions<OutgoingOptions> options) : IAccountConfigCheck
{
    public const string HttpsRule = "must be an https URL (http only for loopback addresses under DevHost)";

    public async Task<IReadOnlyList<FieldError>> CheckAsync(AccountConfig config, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < config.OutgoingWebhooks.Count; i++)
        {
            await AddAsync(errors, $"$.outgoingWebhooks[{i}].url", config.OutgoingWebhooks[i].Url, cancellationToken).ConfigureAwait(false);
        }
        for (var t = 0; t < config.Teams.Count; t++)
        {
            for (var c = 0; c < config.Teams[t].Chat.Count; c++)
            {
                await AddAsync(errors, $"$.teams[{t}].chat[{c}].url", config.Teams[t].Chat[c].Url, cancellationToken).ConfigureAwait(false);
            }
        }
        return errors;
    }

    /// <summary>Null when <paramref name="url"/> may be used; else the rule it breaks.</summary>
    public async Task<string?> CheckAsync(string url, bool resolve, CancellationToken cancellationToken)
    {
        if (!AccountConfigParser.IsOutgoingUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return AccountConfigParser.OutgoingUrlRule;
        }
        var allowLoopback = options.Value.AllowLoopback;
        var host = uri.Host.Trim('[', ']');
        var literal = IPAddress.TryParse(host, out var address) ? address : null;
        var loopback = uri.IsLoopback || (literal is not null && IPAddress.IsLoopback(literal));
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowLoopback && loopback))
        {
            return HttpsRule;
        }
        if (loopback)
        {
            return allowLoopback ? null : NotPublic(uri.Host);
        }
        if (literal is not null)
        {
            return OutboundAddresses.IsPublic(literal) ? null : NotPublic(uri.Host);
        }
        if (!resolve)
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }
        return addresses.All(a => OutboundAddresses.IsPublic(a) || (allowLoopback && IPAddress.IsLoopback(a))) ? null : NotPublic(uri.Host);
    }

    private async Task AddAsync(List<FieldError> errors, string path, string url, CancellationToken cancellationToken)
    {
        if (await CheckAsync(url, resolve: true, cancellationToken).ConfigureAwait(false) is { } rule)
        {
            errors.Add(new FieldError(path, rule));
        }
    }

    private static string NotPublic(string host) =>
        $"must not point at a loopback, private or link-local address ('{host}' does); Klaxon does not connect there";
}
