using System.Reflection;
using Klaxon.App;
using Klaxon.DevHost;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Tests.App;

public class AppAssetsTests
{
    [Theory]
    [InlineData("", "text/html; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("sw.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("manifest.webmanifest", "application/manifest+json")]
    [InlineData("icon.svg", "image/svg+xml")]
    [InlineData("icon-192.png", "image/png")]
    [InlineData("icon-512.png", "image/png")]
    [InlineData("pages/incidents.js", "text/javascript; charset=utf-8")]
    public void The_app_files_ship_inside_the_function_app(string path, string contentType)
    {
        var asset = AppAssets.Find(path);

        Assert.NotNull(asset);
        Assert.Equal(contentType, asset.ContentType);
        Assert.NotEmpty(asset.Content);
    }

    [Fact]
    public void No_page_has_inline_script_or_style()
    {
        foreach (var path in AppAssets.Paths.Where(p => p.EndsWith(".html", StringComparison.Ordinal)))
        {
            var html = System.Text.Encoding.UTF8.GetString(AppAssets.Find(path)!.Content);
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(@"\sstyle=", html);
            Assert.DoesNotMatch(@"\son[a-z]+=", html);
        }
        Assert.DoesNotContain("unsafe-inline", AppAssets.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", AppAssets.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_has_no_local_sign_in_and_no_app_route_needs_a_function_key()
    {
        var catalog = FunctionCatalog.From(typeof(AppGate).Assembly);
        var routes = catalog.Http.Select(h => (h.Function.Name, Route: h.Trigger.Route ?? "", h.Trigger.AuthLevel)).ToList();

        Assert.DoesNotContain(routes, r => r.Route.StartsWith(".auth", StringComparison.Ordinal) || r.Route.Contains("login", StringComparison.OrdinalIgnoreCase));
        Assert.Null(typeof(AppGate).Assembly.GetType("Klaxon.DevHost.LocalSignIn"));
        Assert.Equal(typeof(LocalSignIn).Assembly, typeof(DevHostApp).Assembly);
        var appRoutes = routes.Where(r => r.Route == "app" || r.Route.StartsWith("app/", StringComparison.Ordinal)).ToList();
        Assert.True(appRoutes.Count >= 15, $"expected the app's routes, found {appRoutes.Count}");
        Assert.All(appRoutes, r => Assert.Equal(AuthorizationLevel.Anonymous, r.AuthLevel));
    }
}
