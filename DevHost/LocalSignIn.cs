using System.Net;
using System.Security.Cryptography;
using System.Text;
using Klaxon.Accounts;
using Klaxon.App;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.DevHost;

/// <summary>
/// DevHost's stand-in for App Service Authentication, for the responder app on a developer's machine. LOCAL ONLY: it
/// lists every user with <c>logins</c> in the loaded accounts and signs you in as any of them with one click, no
/// password. It lives in the DevHost assembly and is never part of the function app.
/// </summary>
/// <remarks>
/// Like Easy Auth it removes any <c>X-MS-CLIENT-PRINCIPAL</c> a client sends and sets its own from the session, a
/// cookie signed with a key made at start-up (HttpOnly, SameSite=Strict), so a restart signs everyone out.
/// Pages: <c>GET /.auth/login/local</c> (the list), <c>POST /.auth/login/local</c> (form field <c>login</c>),
/// <c>GET /.auth/logout</c>.
/// </remarks>
public static class LocalSignIn
{
    public const string LoginPath = "/.auth/login/local";
    public const string LogoutPath = "/.auth/logout";
    public const string CookieName = "klaxon_local_session";

    private static readonly string[] PlatformHeaders = ["X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-NAME", "X-MS-CLIENT-PRINCIPAL-ID", "X-MS-CLIENT-PRINCIPAL-IDP"];

    /// <summary>The app settings DevHost applies so the app trusts this stand-in and sends people to its page.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        [$"{AppOptions.Section}:{nameof(AppOptions.PlatformAuthentication)}"] = "true",
        [$"{AppOptions.Section}:{nameof(AppOptions.SignInUrl)}"] = LoginPath,
        [$"{AppOptions.Section}:{nameof(AppOptions.SignOutUrl)}"] = LogoutPath,
    };

    public static void Use(WebApplication app)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        app.Use(async (context, next) =>
        {
            foreach (var header in PlatformHeaders)
            {
                context.Request.Headers.Remove(header);
            }
            if (context.Request.Cookies[CookieName] is { } cookie && Verify(cookie, key) is { } login)
            {
                var store = context.RequestServices.GetRequiredService<AccountStore>();
                var user = (await store.GetAllCachedAsync(context.RequestAborted).ConfigureAwait(false))
                    .Select(a => a.FindUserByLogin(login)).FirstOrDefault(u => u is not null);
                context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Write(login, user?.Name ?? login);
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapGet(LoginPath, async (HttpContext context) =>
        {
            var store = context.RequestServices.GetRequiredService<AccountStore>();
            var accounts = await store.GetAllCachedAsync(context.RequestAborted).ConfigureAwait(false);
            return Page(context, 200, ListPage(accounts, RedirectTarget(context.Request.Query["post_login_redirect_uri"])));
        });
        app.MapPost(LoginPath, async (HttpContext context) =>
        {
            if (context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
                && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            {
                return Page(context, 403, Wrap("Refused", "<p>Sign-in must come from this page.</p>"));
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var login = form["login"].ToString();
            var store = context.RequestServices.GetRequiredService<AccountStore>();
            var known = (await store.GetAllCachedAsync(context.RequestAborted).ConfigureAwait(false)).Any(a => a.FindUserByLogin(login) is not null);
            if (!known)
            {
                return Page(context, 400, Wrap("Unknown login", $"<p>No loaded account lists the login {WebUtility.HtmlEncode(login)}.</p>"));
            }
            context.Response.Cookies.Append(CookieName, Sign(login, key), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = context.Request.IsHttps,
            });
            return Results.Redirect(RedirectTarget(form["post_login_redirect_uri"]));
        });
        app.MapGet(LogoutPath, (HttpContext context) =>
        {
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
            return Results.Redirect(RedirectTarget(context.Request.Query["post_logout_redirect_uri"]));
        });
    }

    /// <summary>Only a path on this host (never <c>//other</c> or an absolute URL); default <c>/app/</c>.</summary>
    private static string RedirectTarget(string? requested) =>
        requested is { Length: > 0 } path && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            ? path
            : "/app/";

    private static string Sign(string login, byte[] key)
    {
        var payload = Base64Url(Encoding.UTF8.GetBytes(login));
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
    }

    private static string? Verify(string cookie, byte[] key)
    {
        var dot = cookie.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }
        var payload = cookie[..dot];
        var expected = Encoding.ASCII.GetBytes(Base64Url(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(cookie[(dot + 1)..])))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string ListPage(IReadOnlyCollection<AccountConfig> accounts, string redirect)
    {
        var rows = new StringBuilder();
        foreach (var account in accounts.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var user in account.Users.Where(u => u.SignInNames.Count > 0))
            {
                var login = user.SignInNames[0];
                rows.Append("<li><form method=\"post\" action=\"").Append(LoginPath).Append("\">")
                    .Append("<input type=\"hidden\" name=\"login\" value=\"").Append(WebUtility.HtmlEncode(login)).Append("\">")
                    .Append("<input type=\"hidden\" name=\"post_login_redirect_uri\" value=\"").Append(WebUtility.HtmlEncode(redirect)).Append("\">")
                    .Append("<button type=\"submit\" data-login=\"").Append(WebUtility.HtmlEncode(login)).Append("\">Sign in as ")
                    .Append(WebUtility.HtmlEncode(user.Name)).Append("</button> <span class=\"muted\">")
                    .Append(WebUtility.HtmlEncode(login)).Append(" · ").Append(WebUtility.HtmlEncode(account.Name))
                    .Append(" (").Append(WebUtility.HtmlEncode(account.Id)).Append(") · ").Append(user.Role == UserRole.Admin ? "admin" : "responder")
                    .Append("</span></form></li>");
            }
        }
        var list = rows.Length > 0 ? $"<ul class=\"plain\">{rows}</ul>" : "<p>No loaded account has users with <code>logins</code>.</p>";
        return Wrap("Local sign-in", $"""
            <p class="banner">DevHost only — local sign-in without a password. Deployed apps sign in with Microsoft Entra ID.</p>
            {list}
            """);
    }

    private static string Wrap(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · Klaxon DevHost</title><link rel="stylesheet" href="/app/app.css"></head>
        <body><main class="page"><h1>{title}</h1>{body}</main></body></html>
        """;

    private static IResult Page(HttpContext context, int status, string html)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
