using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>The app's identity gets exactly the data-plane roles it needs, each on the one resource it needs it for.</summary>
public partial class RoleAssignmentTests
{
    // Built-in role definition ids (the same in every tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void Role_assignments_are_exactly_the_expected_ones()
    {
        string[] expected =
        [
            $"{StorageBlobDataOwner} on Microsoft.Storage/storageAccounts", // host: keys, timer state, leases; Flex deployment package
            $"{StorageQueueDataContributor} on Microsoft.Storage/storageAccounts", // queue triggers, poison queues, QueueServiceClient
            $"{StorageTableDataContributor} on Microsoft.Storage/storageAccounts", // TableServiceClient: accounts, incidents
            $"{KeyVaultSecretsUser} on Microsoft.KeyVault/vaults", // Key Vault references
            $"{MonitoringMetricsPublisher} on Microsoft.Insights/components", // Application Insights with Entra ID auth
        ];

        var actual = CompiledInfra.OfType("Microsoft.Authorization/roleAssignments").Select(assignment =>
        {
            var role = RoleDefinition().Match((string)assignment.Properties["roleDefinitionId"]!);
            Assert.True(role.Success, $"roleDefinitionId is not a literal built-in role: {assignment.Properties["roleDefinitionId"]}");
            var scope = ScopeType().Match((string?)assignment.Node["scope"] ?? "");
            Assert.True(scope.Success, $"role assignment {assignment.Name} has no resource scope");
            return $"{role.Groups["id"].Value} on {scope.Groups["type"].Value}";
        });

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void Every_role_is_granted_to_the_apps_user_assigned_identity_only()
    {
        foreach (var assignment in CompiledInfra.OfType("Microsoft.Authorization/roleAssignments"))
        {
            Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
            Assert.Matches(@"^\[reference\(resourceId\('Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('identityName'\)\), '[^']+'\)\.principalId\]$",
                (string)assignment.Properties["principalId"]!);
            // Names derive from parameters only, so re-deployments update rather than duplicate them.
            Assert.StartsWith("[guid(", assignment.Name, StringComparison.Ordinal);
        }
        // One identity, and every module is handed that same identity.
        Assert.Single(CompiledInfra.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"), r => !r.IsExisting);
        foreach (var module in new[] { "klaxon-storage", "klaxon-keyvault", "klaxon-monitoring", "klaxon-functionapp" })
        {
            Assert.Equal("[variables('identityName')]", (string?)CompiledInfra.Module(module).Properties["parameters"]!["identityName"]!["value"]);
        }
        Assert.Equal("[variables('identityName')]", (string?)CompiledInfra.Module("klaxon-identity").Properties["parameters"]!["name"]!["value"]);
    }

    [Fact]
    public void No_custom_roles_or_other_authorization_resources()
    {
        var authorization = CompiledInfra.Resources
            .Where(r => r.Type.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Type).Distinct();
        Assert.Equal(["Microsoft.Authorization/roleAssignments"], authorization);
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '(?<id>[0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleDefinition();

    [GeneratedRegex(@"^\[resourceId\('(?<type>[^']+)', parameters\('\w+'\)\)\]$")]
    private static partial Regex ScopeType();
}
