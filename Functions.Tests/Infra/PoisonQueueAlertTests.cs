using System.Text.RegularExpressions;
using Klaxon.Storage;

namespace Klaxon.Tests.Infra;

/// <summary>
/// A message moved to a poison queue alerts people through Azure Monitor, not through Klaxon: the queue service logs
/// its writes to the workspace, and a log alert counts puts on <c>*-poison</c> queues.
/// </summary>
public class PoisonQueueAlertTests
{
    private static ArmResource Rule => CompiledInfra.Single("Microsoft.Insights/scheduledQueryRules");

    private static string Query => (string)Rule.Variable("poisonedMessagesQuery")!;

    [Fact]
    public void The_queue_service_sends_its_write_log_to_the_workspace()
    {
        var setting = Assert.Single(CompiledInfra.OfType("Microsoft.Insights/diagnosticSettings"),
            s => ((string?)s.Node["scope"])?.Contains("Microsoft.Storage/storageAccounts/queueServices", StringComparison.Ordinal) == true);

        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string)setting.Properties["workspaceId"]!, StringComparison.Ordinal);
        var log = Assert.Single(setting.Properties["logs"]!.AsArray());
        Assert.Equal("StorageWrite", (string?)log!["category"]);
        Assert.True(log["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void The_rule_reads_the_workspace_and_notifies_the_action_group_outside_klaxon()
    {
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string)Rule.Properties["scopes"]![0]!, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/actionGroups", (string)Rule.Properties["actions"]!["actionGroups"]!, StringComparison.Ordinal);
        var criterion = Rule.Properties["criteria"]!["allOf"]![0]!;
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int?)criterion["threshold"]);
        Assert.Equal("Queue", (string?)criterion["dimensions"]![0]!["name"]);
        Assert.Contains(CompiledInfra.Resources, r => r.Type == "Microsoft.Insights/actionGroups" && !r.IsExisting);
    }

    [Fact]
    public void The_query_counts_puts_on_every_poison_queue_and_on_no_other_queue()
    {
        Assert.Contains("StorageQueueLogs", Query, StringComparison.Ordinal);
        Assert.Contains("OperationName == \"PutMessage\"", Query, StringComparison.Ordinal);
        // The KQL extract() pattern, run here with .NET's regex (the same syntax for this pattern) on request URIs
        // the way StorageQueueLogs records them.
        var pattern = new Regex(Regex.Match(Query, "extract\\(@\"(?<pattern>[^\"]+)\"").Groups["pattern"].Value);
        foreach (var queue in new[] { StorageNames.EventsQueue, StorageNames.NotificationsQueue, StorageNames.EscalationsQueue })
        {
            var poison = StorageNames.PoisonQueueFor(queue);
            Assert.Equal(poison, pattern.Match($"https://klaxonst.queue.core.windows.net:443/{poison}/messages?timeout=30").Groups[1].Value);
            Assert.False(pattern.IsMatch($"https://klaxonst.queue.core.windows.net:443/{queue}/messages?timeout=30"), queue);
        }
    }
}
