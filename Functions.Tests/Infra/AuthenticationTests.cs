using Klaxon.App;

namespace Klaxon.Tests.Infra;

/// <summary>
/// App Service Authentication (Easy Auth) with Microsoft Entra ID for the responder app, and the setting that makes
/// the app trust the platform's principal header only when it is on.
/// </summary>
public class AuthenticationTests
{
    private static ArmResource AuthSettings =>
        Assert.Single(CompiledInfra.OfType("Microsoft.Web/sites/config"), r => r.Name.Contains("'authsettingsV2'", StringComparison.Ordinal));

    [Fact]
    public void Entra_id_sign_in_is_configured_only_with_a_client_id()
    {
        var auth = AuthSettings;

        Assert.Equal("[variables('platformAuthentication')]", auth.Condition);
        Assert.Equal("[not(empty(parameters('authClientId')))]", auth.Variable("platformAuthentication")!.ToString());
        Assert.True(auth.Properties["platform"]!["enabled"]!.GetValue<bool>());
        var aad = auth.Properties["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True(aad["enabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('authClientId')]", (string?)aad["registration"]!["clientId"]);
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]",
            (string?)aad["registration"]!["openIdIssuer"]);
        // No client secret anywhere: the ID token comes straight back (documented manual step: enable ID tokens).
        Assert.Null(aad["registration"]!["clientSecretSettingName"]);
    }

    [Fact]
    public void Anonymous_requests_still_reach_webhooks_and_callbacks()
    {
        var validation = AuthSettings.Properties["globalValidation"]!;

        Assert.False(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("AllowAnonymous", (string?)validation["unauthenticatedClientAction"]);
        Assert.True(AuthSettings.Properties["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_trusts_the_principal_header_exactly_when_easy_auth_is_on()
    {
        var settings = AppSettings.Values;

        Assert.Equal("[if(variables('platformAuthentication'), 'true', 'false')]", settings["Klaxon__App__PlatformAuthentication"]);
        Assert.Equal(new AppOptions().SignInUrl, settings["Klaxon__App__SignInUrl"]);
        Assert.Equal(new AppOptions().SignOutUrl, settings["Klaxon__App__SignOutUrl"]);
        Assert.False(new AppOptions().PlatformAuthentication); // off unless the deployment says so
    }

    [Fact]
    public void The_tenant_defaults_to_the_deployments()
    {
        var module = CompiledInfra.Module("klaxon-functionapp");
        var parameters = module.Properties["parameters"]!;

        Assert.Equal("[parameters('authClientId')]", (string?)parameters["authClientId"]!["value"]);
        Assert.Equal("[if(empty(parameters('authTenantId')), createObject('value', tenant().tenantId), createObject('value', parameters('authTenantId')))]",
            parameters["authTenantId"]!.ToString());
    }
}
