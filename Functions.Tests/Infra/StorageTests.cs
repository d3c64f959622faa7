using System.Text.RegularExpressions;
using Klaxon.Storage;

namespace Klaxon.Tests.Infra;

/// <summary>The storage account is reachable only with Entra ID over TLS 1.2+ HTTPS, and has every queue and table the app uses.</summary>
public partial class StorageTests
{
    private static ArmResource Account => CompiledInfra.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Shared_key_access_is_off_and_only_https_with_tls_1_2_is_accepted()
    {
        var properties = Account.Properties;
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void No_storage_key_or_sas_is_read_anywhere_in_the_template()
    {
        var forbidden = new[] { "listKeys(", "listKey(", "listAccountSas(", "listServiceSas(", "AccountKey=", "DefaultEndpointsProtocol=", "SharedAccessSignature=", "UseDevelopmentStorage" };
        var hits = CompiledInfra.Strings(CompiledInfra.Template)
            .Where(s => forbidden.Any(f => s.Value.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .Select(s => $"{s.Path}: {s.Value}")
            .ToList();
        Assert.Empty(hits);
    }

    [Fact]
    public void Queues_and_tables_are_exactly_the_ones_the_app_uses()
    {
        string[] queues =
        [
            StorageNames.EventsQueue, StorageNames.PoisonQueueFor(StorageNames.EventsQueue),
            StorageNames.NotificationsQueue, StorageNames.PoisonQueueFor(StorageNames.NotificationsQueue),
            StorageNames.EscalationsQueue, StorageNames.PoisonQueueFor(StorageNames.EscalationsQueue),
            StorageNames.OutgoingQueue, StorageNames.PoisonQueueFor(StorageNames.OutgoingQueue),
        ];
        string[] tables = [StorageNames.AccountsTable, StorageNames.IncidentsTable, StorageNames.DueTable, StorageNames.ContactsTable, StorageNames.OutgoingTable];

        Assert.Equal(queues.Order(), ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order());
        Assert.Equal(tables.Order(), ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order());
    }

    [Fact]
    public void The_flex_deployment_container_exists_and_is_private()
    {
        var container = CompiledInfra.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container.Properties["publicAccess"]);
        var name = Assert.Single(ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal("deployments", name);

        // The function app is handed that same container (storage module output -> functionapp module parameter).
        var storageModule = CompiledInfra.Module("klaxon-storage").Properties["template"]!;
        Assert.Equal("[variables('deploymentContainerName')]", (string?)storageModule["outputs"]!["deploymentContainerName"]!["value"]);
        Assert.Equal(name, (string?)storageModule["variables"]!["deploymentContainerName"]);
        Assert.Equal("[reference(resourceId('Microsoft.Resources/deployments', 'klaxon-storage'), '2025-04-01').outputs.deploymentContainerName.value]",
            (string?)CompiledInfra.Module("klaxon-functionapp").Properties["parameters"]!["deploymentContainerName"]!["value"]);
    }

    /// <summary>
    /// The last segment of each resource's name: a literal (<c>'default'</c>), a variable, or a copy loop over a
    /// variable array (<c>variables('queueNames')[copyIndex()]</c>), expanded.
    /// </summary>
    private static List<string> ChildNames(string type)
    {
        var names = new List<string>();
        foreach (var resource in CompiledInfra.OfType(type))
        {
            var lastArgument = LastFormatArgument().Match(resource.Name);
            Assert.True(lastArgument.Success, $"Unexpected name expression {resource.Name}");
            var argument = lastArgument.Groups["arg"].Value;
            if (CopyOverVariable().Match(argument) is { Success: true } loop)
            {
                Assert.NotNull(resource.Node["copy"]);
                names.AddRange(resource.Variable(loop.Groups["var"].Value)!.AsArray().Select(n => (string)n!));
            }
            else if (PlainVariable().Match(argument) is { Success: true } variable)
            {
                names.Add((string)resource.Variable(variable.Groups["var"].Value)!);
            }
            else
            {
                names.Add(argument.Trim('\''));
            }
        }
        return names;
    }

    [GeneratedRegex(@", (?<arg>[^,]+)\)\]$")]
    private static partial Regex LastFormatArgument();

    [GeneratedRegex(@"^variables\('(?<var>\w+)'\)\[copyIndex\(\)\]$")]
    private static partial Regex CopyOverVariable();

    [GeneratedRegex(@"^variables\('(?<var>\w+)'\)$")]
    private static partial Regex PlainVariable();
}
