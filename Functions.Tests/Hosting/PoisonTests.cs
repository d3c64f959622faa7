using System.Net;
using Klaxon.DevHost;
using Klaxon.Incidents;
using Klaxon.Ingestion;
using Klaxon.Storage;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Hosting;

/// <summary>After maxDequeueCount failures a message lands in the poison queue unchanged and can be replayed.</summary>
[Collection(DevHostCollection.Name)]
public class PoisonTests(DevHostFixture devHost)
{
    [Fact]
    public async Task A_message_that_keeps_failing_goes_to_poison_whole_and_replays_once_storage_is_back()
    {
        var account = await devHost.CreateAccountAsync();
        var poison = devHost.Queues.GetQueueClient(StorageNames.PoisonQueueFor(StorageNames.EventsQueue));
        devHost.Faults.Fail(account.Id);
        try
        {
            // Accepting only needs the queue (and the cached config); applying needs the incidents table, which fails.
            using var accepted = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":"outage","Title":"t","Description":"d"}""");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

            var poisoned = await WaitForAsync(async () => (await poison.PeekMessagesAsync(32)).Value
                .Select(m => EventQueue.Deserialize(m.Body.ToString()))
                .FirstOrDefault(e => e.AccountId == account.Id));
            Assert.Equal(("outage", "t", "d"), (poisoned.AlertId, poisoned.Title, poisoned.Description));
        }
        finally
        {
            devHost.Faults.Heal(account.Id);
        }

        Assert.True(await PoisonReplay.ReplayAsync(devHost.Queues, StorageNames.EventsQueue, CancellationToken.None) >= 1);

        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal(("outage", "open"), ((string?)incident["dedupKey"], (string?)incident["status"]));
    }

    [Fact]
    public async Task A_message_that_is_not_an_event_goes_to_poison_unchanged()
    {
        var marker = "not an event " + Guid.NewGuid();
        await devHost.Queues.GetQueueClient(StorageNames.EventsQueue).SendMessageAsync(marker);
        var poison = devHost.Queues.GetQueueClient(StorageNames.PoisonQueueFor(StorageNames.EventsQueue));

        var found = await WaitForAsync(async () => (await poison.PeekMessagesAsync(32)).Value.FirstOrDefault(m => m.Body.ToString() == marker));

        Assert.NotNull(found);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(200);
        }
        Assert.Fail("Timed out waiting for the poison queue.");
        return default!;
    }
}
