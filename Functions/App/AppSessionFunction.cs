using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// <c>GET /app/api/session</c>: who is signed in and which accounts list them (with their role in each), plus the
/// sign-in and sign-out URLs. 401 with the sign-in URL when nobody is.
/// </summary>
public sealed class AppSessionFunction(AppGate gate, IOptions<AppOptions> options) : AppApiFunction(gate, options)
{
    private readonly AppOptions _options = options.Value;

    [Function("AppSession")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/api/session")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        NoStore(request);
        var identified = Gate.Identify(BrowserRequest.From(request));
        if (identified.Outcome != GateOutcome.Allowed)
        {
            return Refuse(identified.Outcome);
        }
        var person = identified.Person!;
        var memberships = await Gate.MembershipsAsync(person, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new SessionBody(
            person.SignInName,
            person.DisplayName,
            _options.SignOutUrl,
            [.. memberships.Select(m => new Membership(m.Account.Id, m.Account.Name, m.User.Id, m.User.Name, m.User.Role.ToWire()))]));
    }

    private sealed record SessionBody(string SignInName, string DisplayName, string SignOutUrl, IReadOnlyList<Membership> Accounts);

    private sealed record Membership(string AccountId, string AccountName, string UserId, string UserName, string Role);
}
