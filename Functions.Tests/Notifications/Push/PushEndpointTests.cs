using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Http;
using Klaxon.Notifications.Channels;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// A push subscription could name any https host (<c>169.254.169.254</c>, <c>10.0.0.5:8443</c>, <c>[fd00::1]</c> were
/// all accepted) and Klaxon then posted to it and reported its answers on the timeline (SSRF). Endpoints must now be
/// hosts of browser push services, and connections go only to public addresses, without redirects.
/// </summary>
[Collection(DevHostCollection.Name)]
public class PushEndpointTests(DevHostFixture devHost)
{
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.0.0.5:8443/push")]
    [InlineData("https://[fd00::1]/push")]
    [InlineData("https://push.attacker.example/x")]
    [InlineData("https://fcm.googleapis.com:8443/fcm/send/x")]
    [InlineData("https://fcm.googleapis.com.attacker.example/fcm/send/x")]
    public async Task A_subscription_to_anything_but_a_push_service_is_refused_naming_the_endpoint(string endpoint)
    {
        var account = await devHost.CreateAccountAsync();
        var body = PushSubscriptionApiTests.Subscription(endpoint);

        using var response = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
        Assert.Equal("endpoint", (string?)error["field"]);
        Assert.StartsWith("must be an https URL of a browser push service", (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc")]
    [InlineData("https://web.push.apple.com/QGx")]
    public async Task Subscriptions_of_the_browsers_push_services_are_accepted(string endpoint)
    {
        var account = await devHost.CreateAccountAsync();

        using var response = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions",
            PushSubscriptionApiTests.Subscription(endpoint).ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.5", false)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Only_public_addresses_are_public(string address, bool expected) =>
        Assert.Equal(expected, OutboundAddresses.IsPublic(IPAddress.Parse(address)));
}

/// <summary>The sender's side of the same rule: what was stored is checked again, and so is the address dialled.</summary>
[Collection(AzuriteCollection.Name)]
public class PushEndpointSendingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_stored_subscription_elsewhere_is_never_sent_to()
    {
        await using var rig = new PushRig(azurite, configure: settings => settings["Notifications:WebPush:AllowLoopback"] = "false");
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        await rig.SubscribeAsync(browser); // stored directly, as before the rule

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Contains("endpoint not allowed", result.Detail, StringComparison.Ordinal);
        Assert.Empty(browser.Received);
    }

    [Fact]
    public async Task An_allowed_name_that_resolves_to_a_private_address_is_not_connected_to()
    {
        await using var rig = new PushRig(azurite, configure: settings =>
        {
            settings["Notifications:WebPush:AllowLoopback"] = "false";
            settings["Notifications:WebPush:AllowedHosts"] = "localhost";
        });
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        await rig.Store.AddAsync(rig.AccountId, "alice",
            new Klaxon.Notifications.Push.PushSubscriptionKeys("https://localhost/push/" + browser.Id, browser.P256dh, browser.Auth), CancellationToken.None);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Contains("non-public address", result.Detail, StringComparison.Ordinal);
    }
}
