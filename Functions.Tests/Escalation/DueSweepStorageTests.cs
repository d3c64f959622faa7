using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Notifications;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Escalation;

/// <summary>
/// The due index, the sweep and the runner against Azurite: missed ticks catch up, and double or concurrent sweeps
/// hand an item on more than once. A page may then be published more than once, but always under one id, which the
/// sender records once (see <c>PageDelivery</c>).
/// </summary>
[Collection(AzuriteCollection.Name)]
public class DueSweepStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Concurrent_sweeps_after_downtime_hand_everything_on_and_each_page_keeps_one_id()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var account = "sw" + Guid.NewGuid().ToString("N")[..12];
        var (sweeper, runner, index) = Build(clock);
        var config = Account(account);
        await new AccountStore(azurite.Tables, clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance)
            .SaveAsync(config, CancellationToken.None);

        // Three incidents whose voice step fell due while nothing swept (a 5-minute outage).
        var dueAt = clock.GetUtcNow();
        for (var number = 1L; number <= 3; number++)
        {
            var outcome = EscalationEngine.Start(account, number, Urgency.High, config.Teams[0], config, (_, _) => [], dueAt - TimeSpan.FromMinutes(1));
            await new EscalationStore(azurite.Tables).SaveAsync(outcome.State, null, [], dueAt, CancellationToken.None);
            await index.AddAsync(new DueItem(account, number, dueAt), CancellationToken.None);
        }
        await index.WriteCursorAsync(dueAt - TimeSpan.FromMinutes(5), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));

        await Task.WhenAll(sweeper.SweepAsync(true, CancellationToken.None), sweeper.SweepAsync(true, CancellationToken.None));

        var work = await DrainAsync(StorageNames.EscalationsQueue, json => JsonSerializer.Deserialize<EscalationWork>(json, KlaxonJson.Options)!, w => w.AccountId == account);
        Assert.Equal([1L, 2L, 3L], work.Select(w => w.IncidentNumber).Distinct().Order());
        await Task.WhenAll(work.Select(w => runner.AdvanceAsync(w.AccountId, w.IncidentNumber, CancellationToken.None)));
        await Task.WhenAll(work.Select(w => runner.AdvanceAsync(w.AccountId, w.IncidentNumber, CancellationToken.None)));

        var pages = await DrainAsync(StorageNames.NotificationsQueue, NotificationMessages.Read, j => j.AccountId == account);
        var voice = pages.OfType<PageJob>().Where(p => p.Channel.ToWire() == "voice").ToList();
        Assert.Equal([1L, 2L, 3L], voice.Select(p => p.IncidentNumber).Distinct().Order());
        Assert.Equal(3, voice.Select(p => p.JobId).Distinct().Count());
    }

    [Fact]
    public async Task Work_handed_on_ahead_never_becomes_visible_before_it_is_due()
    {
        // The queue counts visibility in whole seconds; truncating 1.5 s to 1 s would wake the runner before the item
        // is due, and the item would then wait a whole timer interval.
        var account = "ah" + Guid.NewGuid().ToString("N")[..12];
        var (sweeper, _, index) = Build(TimeProvider.System);
        var dueAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5);
        await index.AddAsync(new DueItem(account, 1, dueAt), CancellationToken.None);

        await sweeper.SweepAsync(false, CancellationToken.None);

        var queue = azurite.Queues.GetQueueClient(StorageNames.EscalationsQueue);
        while (DateTimeOffset.UtcNow < dueAt - TimeSpan.FromMilliseconds(100))
        {
            Assert.DoesNotContain((await queue.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(account, StringComparison.Ordinal));
            await Task.Delay(100);
        }
        var work = await WaitForAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(account, StringComparison.Ordinal)));
        Assert.True(work);
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> probe)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if (await probe())
            {
                return true;
            }
        }
        return false;
    }

    private (DueSweeper Sweeper, EscalationRunner Runner, DueIndex Index) Build(TimeProvider clock)
    {
        var index = new DueIndex(azurite.Tables);
        var accounts = new AccountStore(azurite.Tables, clock, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance);
        var runner = new EscalationRunner(new EscalationStore(azurite.Tables), index, accounts, new NotificationQueue(azurite.Queues),
            new IncidentReader(azurite.Tables), new Klaxon.Maintenance.MaintenanceWindows(new Klaxon.Maintenance.AdHocMaintenanceStore(azurite.Tables)), clock,
            NullLogger<EscalationRunner>.Instance);
        return (new DueSweeper(index, new EscalationQueue(azurite.Queues), clock, NullLogger<DueSweeper>.Instance), runner, index);
    }

    private static AccountConfig Account(string id)
    {
        var parsed = AccountConfigParser.Parse($$"""
            { "id": "{{id}}", "name": "Sweep",
              "users": [{ "id": "alice", "name": "Alice", "phone": "+15551230001",
                          "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }, { "channel": "voice", "after": "PT1M" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT1H" }] } }] }
            """, id);
        return parsed.Config!;
    }

    private async Task<List<T>> DrainAsync<T>(string queueName, Func<string, T> parse, Func<T, bool> mine)
    {
        var queue = azurite.Queues.GetQueueClient(queueName);
        var found = new List<T>();
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
        return found;
    }
}
