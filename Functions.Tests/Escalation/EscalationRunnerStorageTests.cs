using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Incidents;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Escalation;

/// <summary>
/// The runner against Azurite when signals arrive out of order. A create followed at once by a resolve used to start
/// the escalation anyway (the stop found nothing to stop and was retried until it did), write "Paged alice by sms
/// (layer 1)" on the timeline although delivery paged nobody, and an incident whose team has no policy sent every stop
/// to the poison queue.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class EscalationRunnerStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_resolve_handled_before_the_start_stops_paging_before_it_starts()
    {
        var (runner, account) = await BuildAsync();

        await runner.StopAsync(Signal(account, IncidentSignalKind.Resolved, "alice"), CancellationToken.None);
        await runner.StartAsync(Signal(account, IncidentSignalKind.Triggered), CancellationToken.None);

        var stored = await new EscalationStore(azurite.Tables).LoadAsync(account, 1, CancellationToken.None);
        Assert.Equal(EscalationStatus.Stopped, stored!.Value.State.Status);
        Assert.Null(EscalationEngine.NextDueAt(stored.Value.State));
        var timeline = await TimelineAsync(account);
        Assert.Equal(["Paging stopped before it started: resolved by alice"], timeline.Select(t => t.Message));
    }

    [Fact]
    public async Task A_stop_for_an_incident_whose_team_has_no_policy_is_not_retried_forever()
    {
        var (runner, account) = await BuildAsync();
        var noTeam = Signal(account, IncidentSignalKind.Triggered) with { TeamId = "nobody" };
        await runner.StartAsync(noTeam, CancellationToken.None);

        var stop = runner.StopAsync(Signal(account, IncidentSignalKind.Acknowledged, "alice"), CancellationToken.None);

        await stop; // used to throw "has not started yet" on every delivery, then poison
        var stored = await new EscalationStore(azurite.Tables).LoadAsync(account, 1, CancellationToken.None);
        Assert.Equal("acknowledged by alice", stored!.Value.State.StopReason);
    }

    [Fact]
    public async Task The_timeline_gets_no_paged_line_from_escalation_only_from_delivery()
    {
        var (runner, account) = await BuildAsync();

        await runner.StartAsync(Signal(account, IncidentSignalKind.Triggered), CancellationToken.None);
        await runner.StopAsync(Signal(account, IncidentSignalKind.Resolved, "alice"), CancellationToken.None);

        var timeline = await TimelineAsync(account);
        Assert.Contains(timeline, t => t.Kind == "started");
        Assert.Contains(timeline, t => t.Kind == "stopped");
        Assert.DoesNotContain(timeline, t => t.Message.StartsWith("Paged ", StringComparison.Ordinal));
    }

    private static IncidentSignalJob Signal(string account, IncidentSignalKind kind, string? actor = null) =>
        new($"req-{kind}:1:{kind.ToWire()}", DateTimeOffset.UtcNow, account, 1, kind, actor, $"req-{kind}", "mon", "ops",
            kind == IncidentSignalKind.Triggered ? Urgency.High : null);

    private async Task<(EscalationRunner Runner, string Account)> BuildAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var account = "er" + Guid.NewGuid().ToString("N")[..12];
        var accounts = new AccountStore(azurite.Tables, clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance);
        var parsed = AccountConfigParser.Parse($$"""
            { "id": "{{account}}", "name": "Runner",
              "users": [{ "id": "alice", "name": "Alice", "phone": "+15551230001",
                          "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT1H" }] } }] }
            """, account);
        await accounts.SaveAsync(parsed.Config!, CancellationToken.None);
        var runner = new EscalationRunner(new EscalationStore(azurite.Tables), new DueIndex(azurite.Tables), accounts, new NotificationQueue(azurite.Queues),
            new IncidentReader(azurite.Tables), new Klaxon.Maintenance.MaintenanceWindows(new Klaxon.Maintenance.AdHocMaintenanceStore(azurite.Tables)), clock,
            NullLogger<EscalationRunner>.Instance);
        return (runner, account);
    }

    /// <summary>The incident's timeline rows as escalation wrote them (there is no incident row in these tests).</summary>
    private async Task<List<(string Kind, string Message)>> TimelineAsync(string account)
    {
        var table = azurite.Tables.GetTableClient(StorageNames.IncidentsTable);
        var prefix = IncidentRows.TimelinePrefix(1);
        var rows = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {account} and RowKey ge {prefix} and RowKey lt {prefix + "~"}")))
        {
            rows.Add((row.GetString("Kind")!, row.GetString("Message")!));
        }
        return rows;
    }
}
