using Klaxon.Accounts;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// Base of the app API's function classes: every route is anonymous at the Functions host (never a function key) and
/// authorized here, by the signed-in person, through <see cref="AppGate"/>. Answers are never cached.
/// </summary>
public abstract class AppApiFunction(AppGate gate, IOptions<AppOptions> options)
{
    protected AppGate Gate => gate;

    /// <summary>The caller as a user of <paramref name="accountId"/>, or the response refusing them.</summary>
    protected async Task<(GateResult Caller, IActionResult? Refusal)> EnterAsync(HttpRequest request, string accountId, UserRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        NoStore(request);
        var result = await gate.EnterAsync(BrowserRequest.From(request), accountId, role, cancellationToken).ConfigureAwait(false);
        return (result, result.Outcome == GateOutcome.Allowed ? null : Refuse(result.Outcome));
    }

    /// <summary>The 401/403/404 for a refused <paramref name="outcome"/>.</summary>
    protected IActionResult Refuse(GateOutcome outcome) => outcome switch
    {
        GateOutcome.SignInRequired => JsonResponses.Json(401, new SignInBody("sign_in_required", options.Value.SignInUrl)),
        GateOutcome.ForgedPrincipal => JsonResponses.Json(401, new RefusedBody("refused",
            $"{BrowserRequest.PrincipalHeader} is only accepted from the platform's authentication, which is not on for this app")),
        GateOutcome.CrossSite => JsonResponses.Json(403, new RefusedBody("cross_site",
            $"state-changing calls must come from the app's own pages (same origin, with the {BrowserRequest.AntiForgeryHeader} header)")),
        GateOutcome.NotAdmin => JsonResponses.Json(403, new RefusedBody("forbidden", "only an admin of the account may do this")),
        _ => JsonResponses.NotFound(),
    };

    protected static void NoStore(HttpRequest request) => request.HttpContext.Response.Headers.CacheControl = "no-store";

    private sealed record SignInBody(string Status, string SignInUrl);

    private sealed record RefusedBody(string Status, string Message);
}
