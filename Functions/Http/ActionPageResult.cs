using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Http;

/// <summary>
/// A response from the action link routes, with headers that keep the token and the confirm button safe: nothing is
/// cached (<c>no-store</c>), the URL with its token is never sent as a referrer, and no other site can frame the page to
/// trick a click on its button.
/// </summary>
public sealed class ActionPageResult(ContentResult content) : IActionResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

    public ContentResult Content { get; } = content;

    public static ActionPageResult Html(int statusCode, string html) => new(new ContentResult
    {
        StatusCode = statusCode,
        ContentType = "text/html; charset=utf-8",
        Content = html,
    });

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context.HttpContext.Response.Headers);
        return Content.ExecuteResultAsync(context);
    }

    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // A push notification's service worker posts the action URL from the web app's origin. The token in the URL is
        // the only credential (no cookies), so letting any origin read the answer gives away nothing.
        headers.AccessControlAllowOrigin = "*";
    }
}
