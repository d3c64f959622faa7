using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.App;

/// <summary>
/// <c>GET /app/...</c> (<c>/app</c> redirects to <c>/app/</c>): the web app's pages, scripts, styles, manifest, icons and service worker. Anonymous (the files
/// hold no data; the API they call is authorized per person). Every response carries the strict CSP; files are
/// revalidated on each load (<c>no-cache</c> with an ETag) so a deployment reaches browsers at once.
/// </summary>
public sealed class AppAssetsFunction
{
    [Function("AppAsset")]
    public IActionResult Asset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/{*path}")] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(path) && request.Path.Value?.EndsWith('/') != true)
        {
            // Relative URLs in the page resolve against /app/, so the bare /app redirects there.
            return new RedirectResult("/app/", permanent: false);
        }
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = AppAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (AppAssets.Find(path) is not { } asset)
        {
            return new ContentResult { StatusCode = 404, ContentType = "text/plain; charset=utf-8", Content = "Not found" };
        }
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return new StatusCodeResult(304);
        }
        return new FileContentResult(asset.Content, asset.ContentType);
    }
}
