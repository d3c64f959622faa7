using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Ingestion;
using Klaxon.Notifications;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaxon.Tests.Incidents;

/// <summary>The apply path against Azurite: exactly-once effect, concurrency, number uniqueness, claim checks.</summary>
[Collection(AzuriteCollection.Name)]
public class IncidentApplierStorageTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Storage_emulator_enforces_If_Match_inside_batch_transactions()
    {
        // Azure/Azurite#1233 reported batches ignoring If-Match; every concurrency guarantee here relies on it.
        var table = azurite.Tables.GetTableClient(StorageNames.IncidentsTable);
        var pk = "rig" + Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(pk, "row") { ["v"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>(pk, "row")).Value;
        await table.UpdateEntityAsync(new TableEntity(pk, "row") { ["v"] = 2 }, stale.ETag, TableUpdateMode.Replace);

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity(pk, "row") { ["v"] = 3 }, stale.ETag)]));

        Assert.Equal(412, failure.Status);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>(pk, "row")).Value.GetInt32("v"));
    }

    [Fact]
    public async Task The_same_message_applied_twice_has_one_effect()
    {
        var (applier, _) = NewApplier();
        var account = NewAccount();
        var create = Envelope(account, IncidentActionKind.Create, "dup", 1);

        Assert.Equal(ApplyOutcome.Applied, await applier.ApplyAsync(create, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Duplicate, await applier.ApplyAsync(create, CancellationToken.None));

        var incident = Assert.Single(await Incidents(account));
        Assert.Equal(1, incident.GetInt32("AlertCount"));
        var timeline = await Rows(account, IncidentRows.TimelinePrefix(1));
        Assert.Single(timeline, row => row.GetString("Kind") == "opened");
    }

    [Fact]
    public async Task A_redelivery_after_a_lost_publish_republishes_the_same_jobs()
    {
        var (applier, _) = NewApplier();
        var account = NewAccount();
        var create = Envelope(account, IncidentActionKind.Create, "republish", 1);
        await applier.ApplyAsync(create, CancellationToken.None);

        var jobs = await DrainJobs(account);
        await applier.ApplyAsync(create, CancellationToken.None);
        var republished = await DrainJobs(account);

        Assert.Equal("triggered", Assert.Single(jobs).Kind.ToWire());
        Assert.Equal(jobs, republished);
    }

    [Fact]
    public async Task An_opened_incident_is_handed_on_in_the_applying_invocation_and_not_queued()
    {
        var inline = new RecordingImmediate(handles: true);
        var (applier, _) = NewApplier(inline);
        var account = NewAccount();

        await applier.ApplyAsync(Envelope(account, IncidentActionKind.Create, "inline", 1), CancellationToken.None);

        Assert.Equal("triggered", Assert.Single(inline.Seen.OfType<IncidentSignalJob>(), job => job.AccountId == account).Kind.ToWire());
        Assert.Empty(await DrainJobs(account));
    }

    [Fact]
    public async Task A_job_not_handled_inline_is_queued()
    {
        var inline = new RecordingImmediate(handles: false);
        var (applier, _) = NewApplier(inline);
        var account = NewAccount();

        await applier.ApplyAsync(Envelope(account, IncidentActionKind.Create, "declined", 1), CancellationToken.None);

        Assert.Single(inline.Seen.OfType<IncidentSignalJob>(), job => job.AccountId == account);
        Assert.Equal("triggered", Assert.Single(await DrainJobs(account)).Kind.ToWire());
    }

    [Fact]
    public async Task A_redelivery_after_an_inline_hand_on_republishes_through_the_queue()
    {
        // The crash between the commit (jobs handed on inline) and the message's delete: the redelivery must not count on
        // the inline run having finished, so it queues the stored jobs; their handlers are idempotent per job id.
        var inline = new RecordingImmediate(handles: true);
        var (applier, _) = NewApplier(inline);
        var account = NewAccount();
        var create = Envelope(account, IncidentActionKind.Create, "crash", 1);
        await applier.ApplyAsync(create, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Duplicate, await applier.ApplyAsync(create, CancellationToken.None));

        var handedOn = Assert.Single(inline.Seen.OfType<IncidentSignalJob>(), job => job.AccountId == account);
        Assert.Equal(handedOn, Assert.Single(await DrainJobs(account)));
    }

    [Fact]
    public async Task Concurrent_creates_on_one_key_lose_no_update()
    {
        var account = NewAccount();
        var appliers = Enumerable.Range(0, 4).Select(_ => NewApplier().Applier).ToList();

        await Task.WhenAll(Enumerable.Range(1, 24).Select(i =>
            AsTheQueueWould(() => appliers[i % appliers.Count].ApplyAsync(Envelope(account, IncidentActionKind.Create, "hot", i), CancellationToken.None))));

        var incident = Assert.Single(await Incidents(account));
        Assert.Equal(24, incident.GetInt32("AlertCount"));
        // Not necessarily #1: concurrent decisions on one instance each lease a number, and one that loses the race can
        // only give its number back while it is still the latest handed out (IncidentNumbers). Under load the winner
        // may hold #2 and leave a gap; that is documented, and it failed this assertion once on a loaded machine.
        Assert.InRange(incident.GetInt64("Number") ?? 0, 1, 24);
    }

    [Fact]
    public async Task Two_creates_for_a_new_key_applied_at_once_on_one_instance_open_incident_1()
    {
        // Both guess the key is new and lease numbers 1 and 2; if the second's batch won, the incident was #2 and
        // nothing was #1 (a caller waiting for #1, as TokensStayOutOfLogsTests did, waited in vain). In one instance
        // they now take turns per key, so the first decided commits #1 and the second counts as a repeat.
        var (applier, _) = NewApplier();
        var accounts = Enumerable.Range(0, 12).Select(_ => NewAccount()).ToList();

        await Task.WhenAll(accounts.SelectMany(account => new[] { 1, 2 }.Select(second =>
            applier.ApplyAsync(Envelope(account, IncidentActionKind.Create, "same", second), CancellationToken.None))));

        foreach (var account in accounts)
        {
            var incident = Assert.Single(await Incidents(account));
            Assert.Equal((1L, 2), (incident.GetInt64("Number") ?? 0, incident.GetInt32("AlertCount") ?? 0));
        }
    }

    [Fact]
    public async Task Instances_with_stale_or_no_cached_key_state_still_count_every_alert()
    {
        var account = NewAccount();
        var (first, _) = NewApplier();
        var (second, _) = NewApplier();

        await first.ApplyAsync(Envelope(account, IncidentActionKind.Create, "shared", 1), CancellationToken.None);
        await second.ApplyAsync(Envelope(account, IncidentActionKind.Create, "shared", 2), CancellationToken.None);   // no cache: guesses new, retries
        await first.ApplyAsync(Envelope(account, IncidentActionKind.Create, "shared", 3), CancellationToken.None);    // stale cache: If-Match fails, retries
        await second.ApplyAsync(Envelope(account, IncidentActionKind.Resolve, "shared", 4), CancellationToken.None);

        var incident = Assert.Single(await Incidents(account));
        Assert.Equal((3, "resolved"), (incident.GetInt32("AlertCount"), incident.GetString("Status")));
    }

    [Fact]
    public async Task A_retried_decision_gives_its_incident_number_back()
    {
        var account = NewAccount();
        var (first, _) = NewApplier();
        var (second, _) = NewApplier();

        // The key exists (kept resolve), so the second instance's guess that the create is for a new key fails once.
        await first.ApplyAsync(Envelope(account, IncidentActionKind.Resolve, "kept", 2), CancellationToken.None);
        await second.ApplyAsync(Envelope(account, IncidentActionKind.Create, "kept", 1), CancellationToken.None);
        await second.ApplyAsync(Envelope(account, IncidentActionKind.Create, "next", 3), CancellationToken.None);

        Assert.Equal([1L, 2L], (await Incidents(account)).Select(e => e.GetInt64("Number")!.Value).Order());
    }

    [Fact]
    public async Task Concurrent_new_incidents_on_separate_instances_get_unique_numbers()
    {
        var account = NewAccount();
        // Separate appliers have separate number counters, like separate Functions instances.
        var appliers = Enumerable.Range(0, 3).Select(_ => NewApplier().Applier).ToList();

        await Task.WhenAll(Enumerable.Range(1, 18).Select(i =>
            appliers[i % appliers.Count].ApplyAsync(Envelope(account, IncidentActionKind.Create, $"key{i}", i), CancellationToken.None)));

        var numbers = (await Incidents(account)).Select(e => e.GetInt64("Number")!.Value).Order().ToList();
        Assert.Equal(18, numbers.Count);
        Assert.Equal(18, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Resolve_applied_before_its_earlier_create_ends_resolved_and_publishes_no_page()
    {
        var (applier, _) = NewApplier();
        var account = NewAccount();

        await applier.ApplyAsync(Envelope(account, IncidentActionKind.Resolve, "flap", 2), CancellationToken.None);
        Assert.Empty(await Incidents(account));
        await applier.ApplyAsync(Envelope(account, IncidentActionKind.Create, "flap", 1), CancellationToken.None);

        var incident = Assert.Single(await Incidents(account));
        Assert.Equal("resolved", incident.GetString("Status"));
        Assert.Empty(await DrainJobs(account));
    }

    [Fact]
    public async Task Large_event_travels_as_a_claim_check_and_its_payload_row_is_removed_once_applied()
    {
        var (applier, queue) = NewApplier();
        var account = NewAccount();
        var large = Envelope(account, IncidentActionKind.Create, "large", 1) with { Description = new string('d', 60_000) };

        await queue.SendAsync(large, CancellationToken.None);
        var events = azurite.Queues.GetQueueClient(StorageNames.EventsQueue);
        var message = (await events.ReceiveMessagesAsync(32)).Value.Select(m => (m, e: EventQueue.Deserialize(m.Body.ToString())))
            .Single(x => x.e.AccountId == account);
        Assert.NotNull(message.e.PayloadRow);
        Assert.Null(message.e.Description);
        await events.DeleteMessageAsync(message.m.MessageId, message.m.PopReceipt);

        Assert.Equal(ApplyOutcome.Applied, await applier.ApplyAsync(message.e, CancellationToken.None));
        Assert.Equal(ApplyOutcome.Duplicate, await applier.ApplyAsync(message.e, CancellationToken.None));

        var incident = IncidentRows.ReadIncident(Assert.Single(await Incidents(account)));
        Assert.Equal(60_000, incident.Description.Length);
        Assert.Empty(await Rows(account, "payload|"));
    }

    /// <summary>
    /// Under heavy contention an apply may give up after its attempts and leave the message to the queue's retry;
    /// this does what the queue would: try again.
    /// </summary>
    private static async Task AsTheQueueWould(Func<Task<ApplyOutcome>> apply)
    {
        for (var delivery = 1; ; delivery++)
        {
            try
            {
                await apply();
                return;
            }
            catch (InvalidOperationException) when (delivery < 5)
            {
            }
        }
    }

    private (IncidentApplier Applier, EventQueue Queue) NewApplier(IImmediateNotifications? immediate = null)
    {
        var queue = new EventQueue(azurite.Queues, azurite.Tables);
        var numbers = new IncidentNumbers(azurite.Tables.GetTableClient(StorageNames.IncidentsTable));
        var applier = new IncidentApplier(new IncidentStore(azurite.Tables), queue, numbers, new KeyStateCache(), new NotificationQueue(azurite.Queues, immediate),
            TimeProvider.System, NullLogger<IncidentApplier>.Instance);
        return (applier, queue);
    }

    /// <summary>Notes every message offered for inline dispatch and answers whether it handled it.</summary>
    private sealed class RecordingImmediate(bool handles) : IImmediateNotifications
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<INotificationMessage> _seen = new();

        public IReadOnlyCollection<INotificationMessage> Seen => _seen;

        public Task<bool> TryDispatchAsync(INotificationMessage message, CancellationToken cancellationToken)
        {
            _seen.Enqueue(message);
            return Task.FromResult(handles);
        }
    }

    private static string NewAccount() => "st" + Guid.NewGuid().ToString("N")[..16];

    private static EventEnvelope Envelope(string account, IncidentActionKind action, string alertId, int second) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        AccountId = account,
        Source = "webhook",
        Actor = "Monitor",
        Action = action,
        ReceivedAt = T0.AddSeconds(second),
        IntegrationId = "int1",
        IntegrationName = "Monitor",
        TeamId = "ops",
        AlertId = alertId,
        Title = action == IncidentActionKind.Create ? "title" : null,
        Description = action == IncidentActionKind.Create ? "description" : null,
        Urgency = Urgency.High,
    };

    private Task<List<TableEntity>> Incidents(string account) => Rows(account, IncidentRows.IncidentRangeStart);

    private async Task<List<TableEntity>> Rows(string account, string prefix)
    {
        var table = azurite.Tables.GetTableClient(StorageNames.IncidentsTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {account} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Takes this account's jobs off the shared notifications queue (other tests' jobs are put back untouched).</summary>
    private async Task<List<IncidentSignalJob>> DrainJobs(string account)
    {
        var queue = azurite.Queues.GetQueueClient(StorageNames.NotificationsQueue);
        var mine = new List<IncidentSignalJob>();
        foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
        {
            if (NotificationMessages.Read(message.Body.ToString()) is IncidentSignalJob job && job.AccountId == account)
            {
                mine.Add(job);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        return mine;
    }
}
