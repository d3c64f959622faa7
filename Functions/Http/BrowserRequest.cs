using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>
/// What a browser-facing API needs from a request to decide who calls and whether the call may change anything, as
/// plain values so the decision is made (and tested) without ASP.NET Core types.
/// </summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="Principal">The <c>X-MS-CLIENT-PRINCIPAL</c> header, or null.</param>
/// <param name="Origin">The <c>Origin</c> header, or null.</param>
/// <param name="FetchSite">The <c>Sec-Fetch-Site</c> header (<c>same-origin</c>, <c>same-site</c>, <c>cross-site</c>, <c>none</c>), or null.</param>
/// <param name="Host">The <c>Host</c> header as received.</param>
/// <param name="AntiForgery">The <c>X-Klaxon-App</c> header, or null.</param>
public sealed record BrowserRequest(string Method, string? Principal, string? Origin, string? FetchSite, string Host, string? AntiForgery)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>
    /// A header only script on a page of the same origin can add: a cross-site form cannot set headers, and a cross-site
    /// <c>fetch</c> with it needs a CORS preflight the app never grants.
    /// </summary>
    public const string AntiForgeryHeader = "X-Klaxon-App";

    public static BrowserRequest From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BrowserRequest(
            request.Method.ToUpperInvariant(),
            Header(request, PrincipalHeader),
            Header(request, "Origin"),
            Header(request, "Sec-Fetch-Site"),
            request.Host.Value ?? "",
            Header(request, AntiForgeryHeader));
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text ? text : null;
}
