using Azure.Data.Tables;
using Klaxon.Escalation;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Klaxon.Tests.Heartbeats;

/// <summary>
/// Heartbeat deadlines ride the escalation due index, which is partitioned by minute: a sweep reads only the minutes
/// since the last sweep, so its storage cost follows what is due, not how many heartbeats exist.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class HeartbeatSweepCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Heartbeats = 2000;

    [Fact]
    public async Task A_sweep_costs_the_same_with_two_thousand_heartbeats_waiting_and_two_requests_more_per_due_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var counted = StorageClientFactory.CreateTableServiceClient(azurite.Configuration, options);
        var queueOptions = new Azure.Storage.Queues.QueueClientOptions();
        queueOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var queues = StorageClientFactory.CreateQueueServiceClient(azurite.Configuration, queueOptions);
        var index = new DueIndex(counted);
        var sweeper = new DueSweeper(index, new EscalationQueue(queues), clock, NullLogger<DueSweeper>.Instance);
        var now = clock.GetUtcNow();
        var account = "cost" + Guid.NewGuid().ToString("N")[..12];

        async Task<int> SweepCostAsync()
        {
            await index.WriteCursorAsync(now - TimeSpan.FromSeconds(15), CancellationToken.None);
            var before = counter.Count;
            await sweeper.SweepAsync(false, CancellationToken.None);
            return counter.Count - before;
        }

        await SweepCostAsync(); // hands on whatever earlier tests left due, so both measured sweeps see the same window
        var empty = await SweepCostAsync();

        // 2000 heartbeats whose deadlines are 1 to 3 hours away: rows in 120 later minute partitions.
        var seeded = Enumerable.Range(0, Heartbeats)
            .Select(i => DueIndex.Entity(DueItem.ForHeartbeat(account, $"hb-{i}", now + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(i * 3.6))))
            .ToList();
        var table = azurite.Tables.GetTableClient(StorageNames.DueTable);
        foreach (var batch in seeded.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), CancellationToken.None);
        }
        var waiting = await SweepCostAsync();

        // One heartbeat due now: handed on (one enqueue) and forgotten (one delete).
        await index.AddAsync(DueItem.ForHeartbeat(account, "due-now", now - TimeSpan.FromSeconds(1)), CancellationToken.None);
        var oneDue = await SweepCostAsync();

        output.WriteLine($"storage requests per sweep: none due {empty}; {Heartbeats} heartbeats waiting {waiting}; one due {oneDue}");
        Assert.Equal(empty, waiting);
        Assert.Equal(empty + 2, oneDue);

        foreach (var batch in seeded.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e)), CancellationToken.None);
        }
    }
}
