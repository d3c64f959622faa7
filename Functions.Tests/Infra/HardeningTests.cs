using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>What keeps a deployment's credentials from being destroyed, guessed or over-used.</summary>
public partial class HardeningTests
{
    [Fact]
    public void The_key_vault_has_purge_protection_and_can_be_recovered_by_name()
    {
        var vault = CompiledInfra.Single("Microsoft.KeyVault/vaults");

        Assert.True(vault.Properties["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Contains("createMode", (string)vault.Properties["createMode"]!, StringComparison.Ordinal);
        var parameter = CompiledInfra.Template["parameters"]!["keyVaultCreateMode"]!;
        Assert.Equal("default", (string?)parameter["defaultValue"]);
        Assert.Equal(["default", "recover"], parameter["allowedValues"]!.AsArray().Select(v => (string)v!));
    }

    [Theory]
    [InlineData("scm")]
    [InlineData("ftp")]
    public void Publishing_with_a_user_name_and_password_is_off(string endpoint)
    {
        var policy = Assert.Single(CompiledInfra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            p => p.Name.Contains($"'{endpoint}'", StringComparison.Ordinal));

        Assert.False(policy.Properties["allow"]!.GetValue<bool>());
    }

    [Fact]
    public void The_deploy_principal_may_grant_exactly_the_roles_the_template_grants()
    {
        var granted = CompiledInfra.OfType("Microsoft.Authorization/roleAssignments")
            .Select(assignment => RoleId().Match((string)assignment.Properties["roleDefinitionId"]!).Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var docs = File.ReadAllText(RepoPaths.File("docs", "deploy.md"));
        var condition = ConditionRoles().Match(docs);

        Assert.True(condition.Success, "docs/deploy.md has no ROLES='…' list for the RBAC Administrator condition");
        var allowed = condition.Groups["roles"].Value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(granted.Order(), allowed.Order());
    }

    [Fact]
    public void The_deploy_workflow_does_not_promise_a_resource_group_its_principal_cannot_create()
    {
        var workflow = File.ReadAllText(RepoPaths.File(".github", "workflows", "deploy.yml"));

        Assert.DoesNotContain("az group create", workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("created if missing", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void The_paging_path_is_kept_warm_for_functions_that_exist()
    {
        var site = CompiledInfra.Single("Microsoft.Web/sites");
        var alwaysReady = (string)site.Properties["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!;
        var functions = DevHost.FunctionCatalog.From(typeof(Klaxon.Incidents.ApplyEventFunction).Assembly).Functions.Select(f => f.Name).ToHashSet();

        foreach (var name in new[] { "ApplyEvent", "DispatchNotification", "RunEscalation" })
        {
            Assert.Contains($"'function:{name}'", alwaysReady, StringComparison.Ordinal);
            Assert.Contains(name, functions);
        }
        Assert.Contains("'http'", alwaysReady, StringComparison.Ordinal);
        Assert.Equal(1, (int?)CompiledInfra.Template["parameters"]!["alwaysReadyInstances"]!["defaultValue"]);
    }

    [Fact]
    public void Health_and_failed_requests_alert_through_an_action_group_outside_klaxon()
    {
        var test = CompiledInfra.Single("Microsoft.Insights/webtests");
        var alerts = CompiledInfra.OfType("Microsoft.Insights/metricAlerts").ToList();
        var group = CompiledInfra.Single("Microsoft.Insights/actionGroups");

        Assert.Contains("/api/health'", (string)test.Properties["Request"]!["RequestUrl"]!, StringComparison.Ordinal);
        Assert.Equal(200, (int?)test.Properties["ValidationRules"]!["ExpectedHttpStatusCode"]);
        Assert.Equal(2, alerts.Count);
        Assert.Contains(alerts, alert => (string?)alert.Properties["criteria"]!["odata.type"] == "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria");
        Assert.Contains(alerts, alert => alert.Properties["criteria"]!["allOf"]?[0]?["metricName"]?.GetValue<string>() == "requests/failed");
        Assert.Contains("emailAddress", group.Properties["emailReceivers"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(alerts, alert => Assert.Equal("[variables('actions')]", (string?)alert.Properties["actions"]));
        var module = CompiledInfra.Module("klaxon-alerts").Properties["template"]!;
        Assert.Contains("actionGroupId", module["variables"]!["actions"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleId();

    [GeneratedRegex(@"ROLES='(?<roles>[^']+)'")]
    private static partial Regex ConditionRoles();
}
