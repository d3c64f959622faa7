using System.Net;
using System.Net.Sockets;

namespace Klaxon.Http;

/// <summary>
/// Where Klaxon may connect on behalf of a URL someone else gave it (a browser's push endpoint; later, outgoing
/// webhooks): only public addresses, checked on the address actually dialled, after DNS. A URL naming a public host
/// that resolves to <c>169.254.169.254</c> or <c>10.0.0.5</c> would otherwise reach the cloud's metadata service or the
/// private network from inside the app (SSRF).
/// </summary>
public static class OutboundAddresses
{
    /// <summary>False for loopback, private (RFC 1918, unique-local), link-local, carrier-grade NAT, unspecified, multicast and reserved addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC);
        }
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false, // carrier-grade NAT
            169 when b[1] == 254 => false, // link-local, cloud metadata services
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] is 0 or 2 => false,
            198 when b[1] is 18 or 19 => false,
            >= 224 => false, // multicast and reserved
            _ => true,
        };
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to public
    /// addresses (and to loopback when <paramref name="allowLoopback"/>: DevHost and tests run push services there).
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectPublicOnly(bool allowLoopback) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            var allowed = addresses.Where(address => IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address))).ToArray();
            if (allowed.Length == 0 || allowed.Length != addresses.Length)
            {
                throw new NonPublicAddressException(host);
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

/// <summary>The host resolved to an address Klaxon does not connect to on someone else's behalf.</summary>
public sealed class NonPublicAddressException(string host)
    : IOException($"'{host}' resolves to a loopback, private or link-local address; Klaxon does not connect there.");
