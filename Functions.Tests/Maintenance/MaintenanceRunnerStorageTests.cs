using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Incidents;
using Klaxon.Maintenance;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Maintenance;

/// <summary>
/// The escalation runner under maintenance windows, on Azurite with a fake clock: opened in a window pages nobody and
/// says so; the window's end pages from layer 1; a window starting mid-escalation pauses it; an ad hoc window ended
/// early through the store resumes paging at the next check.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class MaintenanceRunnerStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Opened_in_a_scheduled_window_pages_nobody_then_pages_layer_one_when_it_ends()
    {
        var rig = await BuildAsync(window: """{ "id": "upgrade", "team": "ops", "start": "2026-03-02T08:00", "end": "2026-03-02T09:30", "timeZone": "UTC", "reason": "db upgrade" }""");

        await rig.Runner.StartAsync(Signal(rig.Account), CancellationToken.None);

        var paused = await rig.LoadAsync();
        Assert.Empty(paused.PendingSteps);
        Assert.Equal(T0.AddMinutes(1), EscalationEngine.NextDueAt(paused));
        var opened = await TimelineAsync(rig.Account);
        Assert.Equal([("paused", "Nobody paged: opened during maintenance, window 'upgrade' for team ops (db upgrade), until 2026-03-02 09:30:00 UTC")], opened);

        rig.Clock.SetUtcNow(T0.AddMinutes(30));
        await rig.Runner.AdvanceAsync(rig.Account, 1, CancellationToken.None);

        var timeline = await TimelineAsync(rig.Account);
        Assert.Equal(["paused", "resumed", "layer_started"], timeline.Select(t => t.Kind));
        Assert.StartsWith("Paging layer 1", timeline[2].Message, StringComparison.Ordinal);
        Assert.EndsWith(": alice", timeline[2].Message, StringComparison.Ordinal);
        var resumed = await rig.LoadAsync();
        Assert.Null(resumed.PausedUntil);
        Assert.Equal(T0.AddMinutes(30 + 60), resumed.NextLayerAt);
    }

    [Fact]
    public async Task A_window_that_starts_during_an_escalation_pauses_it_at_the_next_step()
    {
        var rig = await BuildAsync(window: """{ "id": "later", "team": "ops", "start": "2026-03-02T09:01", "end": "2026-03-02T10:00", "timeZone": "UTC" }""");
        await rig.Runner.StartAsync(Signal(rig.Account), CancellationToken.None);
        Assert.Single((await rig.LoadAsync()).PendingSteps); // alice's voice step at +2

        rig.Clock.SetUtcNow(T0.AddMinutes(2));
        await rig.Runner.AdvanceAsync(rig.Account, 1, CancellationToken.None);

        var state = await rig.LoadAsync();
        Assert.Empty(state.PendingSteps);
        Assert.Null(state.NextLayerAt);
        Assert.Equal(T0.AddMinutes(3), state.PausedUntil);
        var timeline = await TimelineAsync(rig.Account);
        Assert.Equal("Paging paused: maintenance, window 'later' for team ops, until 2026-03-02 10:00:00 UTC; cancelled the remaining steps of alice",
            timeline.Single(t => t.Kind == "paused").Message);
    }

    [Fact]
    public async Task An_ad_hoc_window_ended_early_resumes_paging_at_the_next_check()
    {
        var rig = await BuildAsync();
        var store = new AdHocMaintenanceStore(azurite.Tables);
        await store.AddAsync(rig.Account, new AdHocMaintenance("0190-quiet", MaintenanceScope.Integration, "mon", T0.AddMinutes(-5), T0.AddHours(2), "noisy", "alice"),
            CancellationToken.None);
        await rig.Runner.StartAsync(Signal(rig.Account), CancellationToken.None);
        Assert.Equal("paused", Assert.Single(await TimelineAsync(rig.Account)).Kind);

        rig.Clock.SetUtcNow(T0.AddMinutes(1));
        await rig.Runner.AdvanceAsync(rig.Account, 1, CancellationToken.None);
        Assert.Equal(T0.AddMinutes(2), (await rig.LoadAsync()).PausedUntil);

        Assert.NotNull(await store.EndAsync(rig.Account, "0190-quiet", T0.AddSeconds(90), CancellationToken.None));
        rig.Clock.SetUtcNow(T0.AddMinutes(2));
        await rig.Runner.AdvanceAsync(rig.Account, 1, CancellationToken.None);

        Assert.Equal(["paused", "resumed", "layer_started"], (await TimelineAsync(rig.Account)).Select(t => t.Kind));
    }

    private static IncidentSignalJob Signal(string account) =>
        new("req-1:1:triggered", T0, account, 1, IncidentSignalKind.Triggered, null, "req-1", "mon", "ops", Urgency.High);

    private async Task<Rig> BuildAsync(string? window = null)
    {
        var clock = new FakeTimeProvider(T0);
        var account = "mw" + Guid.NewGuid().ToString("N")[..12];
        var accounts = new AccountStore(azurite.Tables, clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance);
        var parsed = AccountConfigParser.Parse($$"""
            { "id": "{{account}}", "name": "Maintenance",
              "users": [{ "id": "alice", "name": "Alice", "phone": "+15551230001",
                          "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }, { "channel": "voice", "after": "PT2M" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT1H" }] } }],
              "integrations": [{ "id": "mon", "name": "Monitor", "team": "ops", "token": "0123456789abcdef0123" }],
              "maintenance": [{{window}}] }
            """, account);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        await accounts.SaveAsync(parsed.Config!, CancellationToken.None);
        var runner = new EscalationRunner(new EscalationStore(azurite.Tables), new DueIndex(azurite.Tables), accounts, new NotificationQueue(azurite.Queues),
            new IncidentReader(azurite.Tables), new MaintenanceWindows(new AdHocMaintenanceStore(azurite.Tables, clock)), clock, NullLogger<EscalationRunner>.Instance);
        return new Rig(runner, account, clock, new EscalationStore(azurite.Tables));
    }

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

    private sealed record Rig(EscalationRunner Runner, string Account, FakeTimeProvider Clock, EscalationStore Store)
    {
        public async Task<EscalationState> LoadAsync() => (await Store.LoadAsync(Account, 1, CancellationToken.None))!.Value.State;
    }
}
