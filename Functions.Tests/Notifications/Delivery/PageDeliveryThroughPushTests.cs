using System.Text.Json.Nodes;
using Klaxon.DevHost;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Push;
using Klaxon.Tests.Notifications.Push;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Notifications.Delivery;

/// <summary>A push page from the queue job to a push service that verifies VAPID and decrypts the payload (RFC 8291).</summary>
[Collection(AzuriteCollection.Name)]
public class PageDeliveryThroughPushTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_push_page_arrives_encrypted_with_working_actions_and_a_redelivery_does_not_push_again()
    {
        var vapid = VapidKeys.Generate();
        await using var service = await LocalPushService.StartAsync(vapid.PublicKey, "mailto:ops@example.test");
        var settings = new Dictionary<string, string?>
        {
            ["Klaxon:PublicBaseUrl"] = "https://klaxon.example.test",
            ["Notifications:WebPush:VapidPublicKey"] = vapid.PublicKey,
            ["Notifications:WebPush:VapidPrivateKey"] = vapid.PrivateKey,
            ["Notifications:WebPush:Subject"] = "mailto:ops@example.test",
            ["Notifications:EmailLinks:SigningKey"] = "push-delivery-test-signing-key-0123456789",
            ["Notifications:WebPush:AllowLoopback"] = "true",
        };
        await using var rig = await DeliveryRig.CreateAsync(azurite, settings, services => services.AddSingleton(TimeProvider.System));
        var phoneBrowser = service.Subscribe();
        await rig.Services.GetRequiredService<PushSubscriptionStore>().AddAsync(rig.AccountId, "alice",
            new PushSubscriptionKeys(phoneBrowser.Endpoint, phoneBrowser.P256dh, phoneBrowser.Auth), CancellationToken.None);
        var number = await rig.OpenIncidentAsync("push", "Queue backlog");

        var page = rig.Page(number, "push");
        await rig.DispatchAsync(page);
        await rig.DispatchAsync(page);

        var push = Assert.Single(phoneBrowser.Received);
        Assert.Null(push.VapidError);
        var payload = JsonNode.Parse(push.Plaintext!)!;
        Assert.Equal($"#{number} [HIGH] Queue backlog", (string?)payload["title"]);
        var acknowledge = payload["actions"]!.AsArray().Single(a => (string?)a!["action"] == "acknowledge")!;
        var token = new Uri((string)acknowledge["url"]!).Query.TrimStart('?')["t=".Length..];
        Assert.True(rig.Services.GetRequiredService<ActionLinks>().TryVerify(Uri.UnescapeDataString(token), out var action, out _));
        Assert.Equal((rig.AccountId, number, "alice", "push"), (action!.AccountId, action.Number, action.UserId, action.Channel));
        Assert.Equal("Paged alice by push (webpush 1 of 1 subscriptions).", Assert.Single(await rig.TimelineAsync(number, "page")).Message);
    }
}
