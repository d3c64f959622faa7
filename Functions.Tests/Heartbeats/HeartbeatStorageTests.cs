using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Heartbeats;
using Klaxon.Incidents;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Heartbeats;

/// <summary>
/// Heartbeats against Azurite on a fake clock: the clock starts when the configuration is saved, a check-in moves the
/// deadline, the due sweep hands a missed deadline on as heartbeat work, which opens one incident through the events
/// queue (again under the same event id if retried), and the next check-in resolves it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class HeartbeatStorageTests(AzuriteFixture azurite)
{
    private const string Token = "heartbeat-token-0123456789";

    [Fact]
    public async Task A_check_in_moves_the_deadline_a_missed_one_opens_an_incident_once_and_the_next_check_in_resolves_it()
    {
        var rig = await StartAsync();
        var t0 = rig.Clock.GetUtcNow();

        rig.Clock.Advance(TimeSpan.FromSeconds(60));
        var receipt = await rig.Monitor.CheckInAsync(rig.Account, "nightly-backup", Token, CancellationToken.None);
        Assert.Equal(t0 + TimeSpan.FromSeconds(150), receipt!.NextDue);
        Assert.False(receipt.ResolvedMiss);

        // The reminder set when the configuration was saved (t0 + 90 s) comes due, but a check-in came since: nothing opens.
        rig.Clock.Advance(TimeSpan.FromSeconds(40));
        await rig.SweepAndRunAsync();
        Assert.Empty(await rig.EventsAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(51));
        var work = await rig.SweepAndRunAsync();
        Assert.Contains(work, w => w.Kind == EscalationWorkKind.HeartbeatDue && w.HeartbeatId == "nightly-backup");
        var missed = Assert.Single(await rig.EventsAsync());
        Assert.Equal((IncidentActionKind.Create, "heartbeat", "nightly-backup"), (missed.Action, missed.AlertId, missed.IntegrationId));
        Assert.Equal($"Heartbeat 'Nightly backup' missed: last check-in {(t0 + TimeSpan.FromSeconds(60)).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", missed.Title);
        Assert.Equal(Urgency.Critical, missed.Urgency);
        Assert.Equal("ops", missed.TeamId);

        // A retried deadline sends the same event again, which the applier applies once (same event id).
        await rig.Monitor.CheckAsync(rig.Account, "nightly-backup", CancellationToken.None);
        var again = Assert.Single(await rig.EventsAsync());
        Assert.Equal(missed.EventId, again.EventId);
        var applier = NewApplier();
        Assert.Equal(ApplyOutcome.Applied, await applier.ApplyAsync(missed, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Duplicate, await applier.ApplyAsync(again, CancellationToken.None));
        var incident = (await new IncidentReader(azurite.Tables).GetAsync(rig.Account, 1, CancellationToken.None))!;
        Assert.Equal((IncidentStatus.Open, 1, missed.Title), (incident.Status, incident.AlertCount, incident.Title));

        rig.Clock.Advance(TimeSpan.FromSeconds(30));
        var back = await rig.Monitor.CheckInAsync(rig.Account, "nightly-backup", Token, CancellationToken.None);
        Assert.True(back!.ResolvedMiss);
        var resolved = Assert.Single(await rig.EventsAsync());
        Assert.Equal((IncidentActionKind.Resolve, "heartbeat"), (resolved.Action, resolved.AlertId));
        Assert.Equal(ApplyOutcome.Applied, await applier.ApplyAsync(resolved, CancellationToken.None));
        incident = (await new IncidentReader(azurite.Tables).GetAsync(rig.Account, 1, CancellationToken.None))!;
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
    }

    private IncidentApplier NewApplier() => new(
        new IncidentStore(azurite.Tables), new EventQueue(azurite.Queues, azurite.Tables),
        new IncidentNumbers(azurite.Tables.GetTableClient(StorageNames.IncidentsTable)), new KeyStateCache(),
        new NotificationQueue(azurite.Queues), TimeProvider.System, NullLogger<IncidentApplier>.Instance);

    [Fact]
    public async Task A_heartbeat_that_never_checks_in_is_missed_counting_from_when_its_configuration_was_saved()
    {
        var rig = await StartAsync();
        var t0 = rig.Clock.GetUtcNow();

        rig.Clock.Advance(TimeSpan.FromSeconds(89));
        await rig.SweepAndRunAsync();
        Assert.Empty(await rig.EventsAsync());

        rig.Clock.Advance(TimeSpan.FromSeconds(2));
        await rig.SweepAndRunAsync();
        var missed = Assert.Single(await rig.EventsAsync());
        Assert.Equal($"Heartbeat 'Nightly backup' missed: no check-in since its clock started {t0.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", missed.Title);
    }

    [Fact]
    public async Task Wrong_token_disabled_and_other_types_are_all_refused_alike()
    {
        var rig = await StartAsync();

        Assert.Null(await rig.Monitor.CheckInAsync(rig.Account, "nightly-backup", Token + "x", CancellationToken.None));
        Assert.Null(await rig.Monitor.CheckInAsync(rig.Account, "paused", Token, CancellationToken.None));
        Assert.Null(await rig.Monitor.CheckInAsync(rig.Account, "hook", Token, CancellationToken.None));
        Assert.Null(await rig.Monitor.CheckInAsync("nope" + rig.Account, "nightly-backup", Token, CancellationToken.None));
        // A disabled heartbeat is never found missed.
        rig.Clock.Advance(TimeSpan.FromMinutes(10));
        await rig.Monitor.CheckAsync(rig.Account, "paused", CancellationToken.None);
        Assert.DoesNotContain(await rig.EventsAsync(), e => e.IntegrationId == "paused");
    }

    [Fact]
    public async Task A_re_enabled_heartbeat_starts_its_clock_when_the_configuration_is_saved()
    {
        var rig = await StartAsync();
        rig.Clock.Advance(TimeSpan.FromMinutes(10));
        var enabledAt = rig.Clock.GetUtcNow();
        await rig.Accounts.SaveAsync(rig.Config with
        {
            Integrations = [.. rig.Config.Integrations.Select(i => i.Id == "paused" ? i with { Enabled = true } : i)],
        }, CancellationToken.None);

        rig.Clock.Advance(TimeSpan.FromSeconds(59));
        await rig.Monitor.CheckAsync(rig.Account, "paused", CancellationToken.None);
        Assert.DoesNotContain(await rig.EventsAsync(), e => e.IntegrationId == "paused");

        rig.Clock.Advance(TimeSpan.FromSeconds(2));
        await rig.Monitor.CheckAsync(rig.Account, "paused", CancellationToken.None);
        var missed = Assert.Single(await rig.EventsAsync(), e => e.IntegrationId == "paused");
        Assert.Equal($"Heartbeat 'Paused' missed: no check-in since its clock started {enabledAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", missed.Title);
    }

    private async Task<Rig> StartAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var account = "hb" + Guid.NewGuid().ToString("N")[..12];
        var index = new DueIndex(azurite.Tables);
        var store = new HeartbeatStore(azurite.Tables);
        var accounts = new AccountStore(azurite.Tables, clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance,
            [new HeartbeatClock(store, index, clock)]);
        var parsed = AccountConfigParser.Parse($$"""
            { "id": "{{account}}", "name": "Heartbeats",
              "users": [{ "id": "alice", "name": "Alice", "email": "alice@example.com" }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT1H" }] } }],
              "integrations": [
                { "id": "nightly-backup", "name": "Nightly backup", "type": "heartbeat", "interval": "PT1M", "grace": "PT30S",
                  "urgency": "critical", "team": "ops", "token": "{{Token}}" },
                { "id": "paused", "name": "Paused", "type": "heartbeat", "interval": "PT1M", "team": "ops", "enabled": false, "token": "{{Token}}" },
                { "id": "hook", "name": "Hook", "team": "ops", "token": "{{Token}}" }] }
            """, account);
        Assert.True(parsed.Config is not null, string.Join("; ", parsed.Errors));
        await accounts.SaveAsync(parsed.Config, CancellationToken.None);
        var monitor = new HeartbeatMonitor(accounts, store, index, new EventQueue(azurite.Queues, azurite.Tables), clock, NullLogger<HeartbeatMonitor>.Instance);
        var sweeper = new DueSweeper(index, new EscalationQueue(azurite.Queues), clock, NullLogger<DueSweeper>.Instance);
        return new Rig(azurite, account, clock, monitor, sweeper, accounts, parsed.Config);
    }

    private sealed record Rig(
        AzuriteFixture Azurite, string Account, FakeTimeProvider Clock, HeartbeatMonitor Monitor, DueSweeper Sweeper, AccountStore Accounts, AccountConfig Config)
    {
        /// <summary>Sweeps, then runs this account's heartbeat work the way the escalations queue trigger would.</summary>
        public async Task<List<EscalationWork>> SweepAndRunAsync()
        {
            await Sweeper.SweepAsync(false, CancellationToken.None);
            // Work is hidden until due on the real clock's queue; this test's clock is fake, so read it regardless.
            var work = await DrainAsync(StorageNames.EscalationsQueue, json => JsonSerializer.Deserialize<EscalationWork>(json, KlaxonJson.Options)!,
                w => w.AccountId == Account, includeHidden: true);
            foreach (var item in work.Where(w => w.Kind == EscalationWorkKind.HeartbeatDue))
            {
                await Monitor.CheckAsync(item.AccountId, item.HeartbeatId!, CancellationToken.None);
            }
            return work;
        }

        public Task<List<EventEnvelope>> EventsAsync() =>
            DrainAsync(StorageNames.EventsQueue, EventQueue.Deserialize, e => e.AccountId == Account);

        private async Task<List<T>> DrainAsync<T>(string queueName, Func<string, T> parse, Func<T, bool> mine, bool includeHidden = false)
        {
            var queue = Azurite.Queues.GetQueueClient(queueName);
            var found = new List<T>();
            var deadline = DateTime.UtcNow + (includeHidden ? TimeSpan.FromSeconds(5) : TimeSpan.Zero);
            do
            {
                while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(2))).Value is { Length: > 0 } batch)
                {
                    foreach (var message in batch)
                    {
                        var item = parse(message.Body.ToString());
                        if (mine(item))
                        {
                            found.Add(item);
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        }
                    }
                }
                if (found.Count > 0 || !includeHidden)
                {
                    break;
                }
                await Task.Delay(200);
            }
            while (DateTime.UtcNow < deadline);
            return found;
        }
    }
}
