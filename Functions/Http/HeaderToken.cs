using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>
/// The integration token sent in a header instead of the URL, for senders that can set one: URLs end up in proxy,
/// host and Application Insights request logs, headers do not. The header is PagerTree's (its adapter reads
/// <c>pagertree-token</c>), so a sender configured for PagerTree works unchanged.
/// </summary>
public static class HeaderToken
{
    /// <summary>The header: <c>pagertree-token</c> (case-insensitive, as all HTTP header names).</summary>
    public const string Name = "pagertree-token";

    /// <summary>The token when the header appears exactly once with a value, else null (compared like a wrong token, so the answer is the same 404).</summary>
    public static string? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue(Name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }
}
