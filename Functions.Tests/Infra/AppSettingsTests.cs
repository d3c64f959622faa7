using System.Text.RegularExpressions;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Hosting;
using Klaxon.Storage;

namespace Klaxon.Tests.Infra;

/// <summary>The app settings: every one the code reads, identity-based storage, no keys or connection strings, no settings Flex rejects.</summary>
public class AppSettingsTests
{
    [Fact]
    public void Every_setting_the_code_reads_is_set()
    {
        var expected = AppSettings.ReadByCode();
        Assert.Contains("EscalationSchedule", expected);
        Assert.Contains("Klaxon__ConfigCacheSeconds", expected);
        Assert.Contains("Klaxon__PublicBaseUrl", expected);

        var missing = expected.Except(AppSettings.Values.Keys).ToList();
        Assert.True(missing.Count == 0,
            $"Settings the code reads but infra/modules/functionapp.bicep does not set: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Settings_live_only_in_the_appsettings_resource()
    {
        var site = CompiledInfra.Single("Microsoft.Web/sites");
        Assert.Null(site.Properties["siteConfig"]?["appSettings"]);
        Assert.Null(site.Properties["siteConfig"]?["connectionStrings"]);
        Assert.DoesNotContain(CompiledInfra.OfType("Microsoft.Web/sites/config"), r => r.Name.Contains("'connectionstrings'", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Storage_is_reached_with_the_managed_identity_and_no_connection_string()
    {
        var settings = AppSettings.Values;
        Assert.DoesNotContain(StorageClientFactory.SettingName, settings.Keys); // a connection string, even an empty one
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('identityName'\)\), '[^']+'\)\.clientId\]$",
            settings["AzureWebJobsStorage__clientId"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Matches($@"^\[reference\(resourceId\('Microsoft\.Storage/storageAccounts', parameters\('storageAccountName'\)\), '[^']+'\)\.primaryEndpoints\.{service}\]$",
                settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }
    }

    [Fact]
    public void No_setting_holds_a_key_or_a_storage_connection_string()
    {
        var forbidden = new Regex("AccountKey=|SharedAccessSignature=|DefaultEndpointsProtocol=|UseDevelopmentStorage|listKeys|InstrumentationKey=", RegexOptions.IgnoreCase);
        foreach (var (name, value) in AppSettings.Values)
        {
            Assert.False(forbidden.IsMatch(value), $"{name} = {value}");
            if (name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || name.Contains("CONNECTION_STRING", StringComparison.Ordinal))
            {
                // The only connection string: Application Insights' endpoint, useless without an Entra ID token here.
                Assert.Equal("APPLICATIONINSIGHTS_CONNECTION_STRING", name);
            }
        }
    }

    [Fact]
    public void Settings_flex_consumption_rejects_or_ignores_are_absent()
    {
        string[] flexDeprecated =
        [
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_NODE_DEFAULT_VERSION",
            "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION", "WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED",
            "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD", "WEBSITE_TIME_ZONE", "TZ", "AzureWebJobsStorage__accountName",
            "APPINSIGHTS_INSTRUMENTATIONKEY", "AzureWebJobsDashboard",
        ];
        var present = AppSettings.Values.Keys.Intersect(flexDeprecated, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.Empty(present);
    }

    [Fact]
    public void Application_insights_uses_entra_id_auth_with_the_apps_identity()
    {
        var settings = AppSettings.Values;
        Assert.Matches(@"^\[format\('ClientId=\{0\};Authorization=AAD', reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('identityName'\)\), '[^']+'\)\.clientId\)\]$",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);

        var component = CompiledInfra.Single("Microsoft.Insights/components");
        Assert.True(component.Properties["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string)component.Properties["WorkspaceResourceId"]!, StringComparison.Ordinal);
        var workspace = CompiledInfra.Single("Microsoft.OperationalInsights/workspaces");
        Assert.True(workspace.Properties["features"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void Settings_with_code_defaults_get_them_by_default()
    {
        var settings = AppSettings.Values;
        Assert.Equal("[parameters('escalationSchedule')]", settings[EscalationTimerFunction.ScheduleSetting]);
        Assert.Equal("[string(parameters('configCacheSeconds'))]", settings["Klaxon__ConfigCacheSeconds"]);
        Assert.Contains(".defaultHostName", settings["Klaxon__PublicBaseUrl"], StringComparison.Ordinal);

        var main = CompiledInfra.Template["parameters"]!;
        Assert.Equal(EscalationTimerFunction.DefaultSchedule, (string?)main["escalationSchedule"]!["defaultValue"]);
        Assert.Equal(new KlaxonOptions().ConfigCacheSeconds, (int?)main["configCacheSeconds"]!["defaultValue"]);
        var module = CompiledInfra.Module("klaxon-functionapp").Properties["parameters"]!;
        Assert.Equal("[parameters('escalationSchedule')]", (string?)module["escalationSchedule"]!["value"]);
        Assert.Equal("[parameters('configCacheSeconds')]", (string?)module["configCacheSeconds"]!["value"]);
    }

    [Fact]
    public void Plain_notification_settings_come_from_plain_parameters()
    {
        var settings = AppSettings.Values;
        foreach (var name in AppSettings.PlainNotificationSettings)
        {
            var parameter = Assert.Single(CompiledInfra.ParameterReference().Matches(settings[name])).Groups["name"].Value;
            Assert.Equal("string", (string?)AppSettings.Resource.Parameter(parameter)!["type"]);
        }
    }
}
