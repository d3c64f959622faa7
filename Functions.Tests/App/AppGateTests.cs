using Klaxon.App;
using Klaxon.Http;

namespace Klaxon.Tests.App;

/// <summary>The app's sign-in and CSRF decisions, as plain values (the HTTP tests drive the same gate end to end).</summary>
public class AppGateTests
{
    private static BrowserRequest Get(string? principal = null) => new("GET", principal, null, null, "klaxon.example", null);

    private static AppGate Gate(bool platformAuthentication) =>
        new(null!, Microsoft.Extensions.Options.Options.Create(new AppOptions { PlatformAuthentication = platformAuthentication }));

    [Fact]
    public void A_principal_header_is_refused_when_platform_authentication_is_off()
    {
        var result = Gate(platformAuthentication: false).Identify(Get(ClientPrincipal.Write("alice@example.com", "Alice")));

        Assert.Equal(GateOutcome.ForgedPrincipal, result.Outcome);
        Assert.Null(result.Person);
    }

    [Fact]
    public void A_principal_header_names_the_person_when_platform_authentication_is_on()
    {
        var result = Gate(platformAuthentication: true).Identify(Get(ClientPrincipal.Write("alice@example.com", "Alice")));

        Assert.Equal(GateOutcome.Allowed, result.Outcome);
        Assert.Equal(new SignedInPerson("alice@example.com", "Alice"), result.Person);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("e30=")] // {}
    public void No_or_an_unreadable_principal_means_nobody_is_signed_in(string? header)
    {
        Assert.Equal(GateOutcome.SignInRequired, Gate(platformAuthentication: true).Identify(Get(header)).Outcome);
    }

    [Fact]
    public void Entra_principals_give_the_preferred_username()
    {
        // The shape App Service Authentication sends for Microsoft Entra ID.
        var json = """
            {"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"name","val":"Alice Liddell"},{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0000"},
                       {"typ":"preferred_username","val":"alice@contoso.example"}]}
            """;
        var person = ClientPrincipal.TryRead(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(new SignedInPerson("alice@contoso.example", "Alice Liddell"), person);
    }

    [Theory]
    [InlineData("GET", null, null, null, true)]
    [InlineData("POST", "1", null, null, true)] // no Origin or Sec-Fetch-Site (older browsers): the header alone
    [InlineData("POST", "1", "https://klaxon.example", "same-origin", true)]
    [InlineData("POST", null, "https://klaxon.example", "same-origin", false)] // no anti-forgery header
    [InlineData("POST", "1", "https://evil.example", null, false)]
    [InlineData("POST", "1", null, "cross-site", false)]
    [InlineData("POST", "1", null, "same-site", false)]
    [InlineData("DELETE", "1", "null", null, false)]
    [InlineData("PUT", null, null, null, false)]
    public void State_changing_calls_need_same_origin_evidence(string method, string? antiForgery, string? origin, string? fetchSite, bool allowed)
    {
        Assert.Equal(allowed, AppGate.IsSameOrigin(new BrowserRequest(method, null, origin, fetchSite, "klaxon.example", antiForgery)));
    }
}
