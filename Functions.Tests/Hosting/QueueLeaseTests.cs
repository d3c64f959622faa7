using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Klaxon.DevHost;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// DevHost's queue lease (<c>DevHost:QueueLease</c>): a received message stays hidden while its function runs, renewed
/// halfway as the host renews its 10 minutes, so an invocation that outlasts the lease is not run a second time.
/// </summary>
public sealed class QueueLeaseTests
{
    private const string Account = """
        { "id": "leasetest", "name": "Lease test",
          "users": [{ "id": "pat", "name": "Pat", "phone": "+15551230009",
                      "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }] } }],
          "teams": [{ "id": "ops", "name": "Ops",
                      "escalationPolicy": { "layers": [{ "targets": [{ "user": "pat" }], "escalateAfter": "PT30M" }] } }],
          "integrations": [{ "id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "token": "lease-test-token-9b3e",
                             "name": "Webhook", "type": "webhook", "urgency": "high", "team": "ops", "enabled": true }] }
        """;

    [Fact]
    public async Task A_message_whose_invocation_outlasts_the_lease_stays_hidden_and_runs_once()
    {
        await using var sms = await SmsRecorder.StartAsync(new Regex("lease-t-[0-9]+"));
        var accountFile = Path.Combine(Directory.CreateTempSubdirectory("klaxon-lease-test-").FullName, "account.json");
        await File.WriteAllTextAsync(accountFile, Account);
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        options.ConfigPaths.Add(accountFile);
        options.Settings[QueueTriggerListener.LeaseSetting] = "00:00:02";
        options.Settings["EscalationSchedule"] = "0 0 0 1 1 *";
        options.Settings["Notifications:Twilio:AccountSid"] = ProviderMocks.TwilioAccountSid;
        options.Settings["Notifications:Twilio:AuthToken"] = "lease-test-twilio-auth-token-0123";
        options.Settings["Notifications:Twilio:FromNumber"] = ProviderMocks.TwilioFromNumber;
        options.Settings["Notifications:Twilio:ApiBaseUrl"] = sms.BaseUrl;
        // The provider's answer is held past several leases: keep the sender waiting rather than timing out.
        options.Settings["Notifications:Delivery:AttemptTimeout"] = "00:01:00";
        await using var devHost = await DevHostApp.StartAsync(options);
        Directory.Delete(Path.GetDirectoryName(accountFile)!, recursive: true);
        var queues = devHost.Services.GetRequiredService<QueueServiceClient>();
        using var http = new HttpClient();

        sms.Hold = true;
        using var accepted = await http.PostAsync(devHost.IntegrationUrls[0].Url,
            new StringContent("""{"event_type":"create","Id":"lease-t-1","Title":"lease-t-1"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await WaitForAsync(() => Task.FromResult(sms.Held == 1));

        // Three leases later the invocation is still waiting on the provider, and its message is still hidden.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var held = await HeldMessagesAsync(queues);
        Assert.Equal(1, held.Total);
        Assert.Equal(0, held.Visible);
        Assert.Equal(1, sms.Held);

        sms.Release();
        await WaitForAsync(async () => (await HeldMessagesAsync(queues)).Total == 0);
        Assert.Equal(1, sms.SmsFor("lease-t-1"));
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("ten minutes")]
    public async Task A_lease_outside_the_queues_limits_stops_start_up(string lease)
    {
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        options.Settings[QueueTriggerListener.LeaseSetting] = lease;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await DevHostApp.StartAsync(options)).DisposeAsync());
        Assert.Contains(QueueTriggerListener.LeaseSetting, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Messages in the events and notifications queues: all of them (hidden too), and the visible ones.</summary>
    private static async Task<(int Total, int Visible)> HeldMessagesAsync(QueueServiceClient queues)
    {
        var (total, visible) = (0, 0);
        foreach (var name in new[] { StorageNames.EventsQueue, StorageNames.NotificationsQueue })
        {
            var queue = queues.GetQueueClient(name);
            total += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            visible += (await queue.PeekMessagesAsync(32)).Value.Length;
        }
        return (total, visible);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.False(limit.IsCancellationRequested, "Timed out.");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
