using Klaxon.Accounts;
using Klaxon.Http;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>Why the app API let a request in or not; function classes map it to HTTP.</summary>
public enum GateOutcome
{
    /// <summary>The signed-in person is a user of the account with the needed role.</summary>
    Allowed,

    /// <summary>Nobody signed in (401 with the sign-in URL).</summary>
    SignInRequired,

    /// <summary>
    /// The request carries <c>X-MS-CLIENT-PRINCIPAL</c> but platform authentication is off, so it was written by the
    /// client, not the platform (401, refused; never treated as signed in).
    /// </summary>
    ForgedPrincipal,

    /// <summary>A state-changing call without same-origin evidence (403).</summary>
    CrossSite,

    /// <summary>The account does not exist or does not list the person: the same answer, so ids cannot be probed (404).</summary>
    NotMember,

    /// <summary>A member, but the call needs <see cref="UserRole.Admin"/> (403).</summary>
    NotAdmin,
}

/// <summary>The gate's decision; <see cref="Account"/> and <see cref="User"/> are set when <see cref="GateOutcome.Allowed"/>.</summary>
public sealed record GateResult(GateOutcome Outcome, SignedInPerson? Person, AccountConfig? Account, UserConfig? User);

/// <summary>
/// The one place the app API decides who calls and what they may do: identity from the platform principal (only when
/// <see cref="AppOptions.PlatformAuthentication"/> is on), membership by the account document's <c>logins</c>,
/// role from the user's <c>role</c>, and CSRF checks for anything but GET/HEAD.
/// </summary>
public sealed class AppGate(AccountStore accounts, IOptions<AppOptions> options)
{
    /// <summary>Who is signed in, without an account: <see cref="GateOutcome.Allowed"/> with only <see cref="GateResult.Person"/>.</summary>
    public GateResult Identify(BrowserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Principal is not { } header)
        {
            return new GateResult(GateOutcome.SignInRequired, null, null, null);
        }
        if (!options.Value.PlatformAuthentication)
        {
            return new GateResult(GateOutcome.ForgedPrincipal, null, null, null);
        }
        return ClientPrincipal.TryRead(header) is { } person
            ? new GateResult(GateOutcome.Allowed, person, null, null)
            : new GateResult(GateOutcome.SignInRequired, null, null, null);
    }

    /// <summary>The person as a user of <paramref name="accountId"/> with at least <paramref name="role"/>.</summary>
    public async Task<GateResult> EnterAsync(BrowserRequest request, string accountId, UserRole role, CancellationToken cancellationToken)
    {
        var identified = Identify(request);
        if (identified.Outcome != GateOutcome.Allowed)
        {
            return identified;
        }
        if (!IsSameOrigin(request))
        {
            return identified with { Outcome = GateOutcome.CrossSite };
        }
        var account = await accounts.GetCachedAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account?.FindUserByLogin(identified.Person!.SignInName) is not { } user)
        {
            return identified with { Outcome = GateOutcome.NotMember };
        }
        if (role == UserRole.Admin && user.Role != UserRole.Admin)
        {
            return identified with { Outcome = GateOutcome.NotAdmin };
        }
        return identified with { Account = account, User = user };
    }

    /// <summary>Every account that lists the person, for the account picker.</summary>
    public async Task<IReadOnlyList<(AccountConfig Account, UserConfig User)>> MembershipsAsync(SignedInPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var all = await accounts.GetAllCachedAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.Select(a => (Account: a, User: a.FindUserByLogin(person.SignInName)))
            .Where(m => m.User is not null)
            .Select(m => (m.Account, m.User!))
            .OrderBy(m => m.Account.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Reads are always allowed. A state-changing call needs the anti-forgery header, and when the browser says where
    /// it comes from (<c>Sec-Fetch-Site</c>, <c>Origin</c>) that must be this origin.
    /// </summary>
    public static bool IsSameOrigin(BrowserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is "GET" or "HEAD")
        {
            return true;
        }
        if (request.AntiForgery is null)
        {
            return false;
        }
        if (request.FetchSite is { } site && site != "same-origin")
        {
            return false;
        }
        return request.Origin is not { } origin
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host, StringComparison.OrdinalIgnoreCase));
    }
}
