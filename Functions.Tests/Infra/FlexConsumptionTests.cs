using System.Reflection;
using System.Text.RegularExpressions;
using Klaxon.Ingestion;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Tests.Infra;

/// <summary>The plan and app are Flex Consumption, dotnet-isolated 10.0, HTTPS only, deployed from blob storage with the identity.</summary>
public class FlexConsumptionTests
{
    private static ArmResource Site => CompiledInfra.Single("Microsoft.Web/sites");

    [Fact]
    public void The_plan_is_flex_consumption_on_linux()
    {
        var plan = CompiledInfra.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan.Node["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Node["sku"]!["tier"]);
        Assert.True(plan.Properties["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_runs_dotnet_isolated_10_over_https_only()
    {
        var site = Site;
        Assert.Equal("functionapp,linux", (string?)site.Node["kind"]);
        Assert.True(site.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", (string?)site.Properties["siteConfig"]!["minTlsVersion"]);
        var runtime = site.Properties["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void Scale_settings_come_from_the_main_parameters()
    {
        var scale = Site.Properties["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)scale["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale["maximumInstanceCount"]);
        var module = CompiledInfra.Module("klaxon-functionapp").Properties["parameters"]!;
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)module["instanceMemoryMB"]!["value"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)module["maximumInstanceCount"]!["value"]);

        var main = CompiledInfra.Template["parameters"]!;
        foreach (var name in new[] { "namePrefix", "location", "instanceMemoryMB", "maximumInstanceCount" })
        {
            Assert.NotNull(main[name]);
        }
        Assert.Equal("[resourceGroup().location]", (string?)main["location"]!["defaultValue"]);
        Assert.Equal([512, 2048, 4096], main["instanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(1000, (int?)main["maximumInstanceCount"]!["maxValue"]);
    }

    [Fact]
    public void The_package_is_deployed_from_the_blob_container_with_the_identity()
    {
        var site = Site;
        var storage = site.Properties["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Matches(@"\.primaryEndpoints\.blob, parameters\('deploymentContainerName'\)\)\]$", (string)storage["value"]!);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]",
            (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Null(storage["authentication"]!["storageAccountConnectionStringName"]);

        Assert.Equal("UserAssigned", (string?)site.Node["identity"]!["type"]);
        var identities = site.Node["identity"]!["userAssignedIdentities"]!.AsObject();
        Assert.Equal("[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')))]", Assert.Single(identities).Key);
    }

    [Fact]
    public void Site_config_has_no_property_flex_consumption_rejects()
    {
        string[] rejected =
        [
            "alwaysOn", "functionAppScaleLimit", "javaVersion", "linuxFxVersion", "netFrameworkVersion", "powerShellVersion",
            "preWarmedInstanceCount", "use32BitWorkerProcess", "windowsFxVersion", "minimumElasticInstanceCount",
        ];
        var siteConfig = Site.Properties["siteConfig"]!.AsObject();
        Assert.Empty(siteConfig.Select(p => p.Key).Intersect(rejected, StringComparer.OrdinalIgnoreCase));
        Assert.Null(Site.Properties["containerSize"]);
        Assert.Null(Site.Properties["dailyMemoryTimeQuota"]);
    }

    [Fact]
    public void Outputs_give_the_app_url_and_the_webhook_base_url()
    {
        var outputs = CompiledInfra.Template["outputs"]!;
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'klaxon-functionapp'), '2025-04-01').outputs.url.value]",
            (string?)outputs["FUNCTION_APP_URL"]!["value"]);
        var module = CompiledInfra.Module("klaxon-functionapp").Properties["template"]!["outputs"]!;
        Assert.Equal("[format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('appName')), '2024-11-01').defaultHostName)]",
            (string?)module["url"]!["value"]);

        // The webhook route's first segment, from the code: POST {base}/{accountId}/{integrationId}/{token}.
        var trigger = typeof(WebhookFunction).GetMethod(nameof(WebhookFunction.Run))!.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
        var prefix = trigger.Route!.Split('/')[0];
        Assert.Equal("integration/{accountId}/{integrationId}/{token}", trigger.Route);
        Assert.Matches($@"^\[format\('\{{0}}/{Regex.Escape(prefix)}', reference\(resourceId\('Microsoft\.Resources/deployments', 'klaxon-functionapp'\), '[^']+'\)\.outputs\.publicBaseUrl\.value\)\]$",
            (string)outputs["WEBHOOK_BASE_URL"]!["value"]!);
    }

    [Fact]
    public void Azd_deploys_the_functions_project_to_the_tagged_app()
    {
        var azureYaml = File.ReadAllText(RepoPaths.File("azure.yaml"));
        // The service name azd looks up by the azd-service-name tag.
        Assert.Matches(new Regex(@"^services:\s*\n\s+functions:\s*\n(\s+.+\n)*?\s+project: \./Functions\s*$", RegexOptions.Multiline), azureYaml);
        Assert.Matches(new Regex(@"^\s+host: function\s*$", RegexOptions.Multiline), azureYaml);
        Assert.Matches(new Regex(@"^\s+language: dotnet\s*$", RegexOptions.Multiline), azureYaml);
        Assert.Matches(new Regex(@"^infra:\s*\n(\s+.+\n)*?\s+path: infra\s*$", RegexOptions.Multiline), azureYaml);
        Assert.True(File.Exists(RepoPaths.File("Functions", "Functions.csproj")));
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', 'functions'))]", (string?)Site.Node["tags"]);
    }
}
