using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Incidents;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Push;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// The push channel against a real push service on loopback, which checks VAPID and decrypts every message with the
/// subscription's own keys (RFC 8291), and real subscriptions in Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WebPushSenderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_subscription_receives_the_payload_encrypted_for_it_with_a_valid_VAPID_header()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var laptop = pushService.Subscribe();
        var phone = pushService.Subscribe();
        await rig.SubscribeAsync(laptop);
        await rig.SubscribeAsync(phone);
        var page = rig.Page();

        var result = await rig.Sender.SendAsync(page, CancellationToken.None);

        Assert.True(result.Outcome == SendOutcome.Accepted, $"{result.Detail}: {string.Join(", ", laptop.Received.Select(r => $"{r.Status} {r.VapidError} {r.DecryptError}"))}");
        Assert.Equal("2 of 2 subscriptions", result.ProviderId);
        var expected = PushPayload.Create(page, rig.Links);
        foreach (var browser in new[] { laptop, phone })
        {
            var received = Assert.Single(browser.Received);
            Assert.Null(received.VapidError);
            Assert.Null(received.DecryptError);
            Assert.Equal(expected, received.Plaintext);
            Assert.Equal("3600", received.Ttl);
            Assert.Equal("high", received.Urgency);
            Assert.Equal(PushPayload.Topic(page), received.Topic);
            // The decryption is real: the same bytes do not open with another auth secret.
            Assert.ThrowsAny<CryptographicException>(() => Aes128GcmDecryptor.Decrypt(received.Body, browser.Key, RandomNumberGenerator.GetBytes(16)));
        }
        Assert.NotEqual(laptop.Received[0].Body, phone.Received[0].Body);

        var payload = JsonNode.Parse(laptop.Received[0].Plaintext!)!;
        Assert.Equal("#42 [HIGH] Database down", (string?)payload["title"]);
        var acknowledge = payload["actions"]![0]!;
        Assert.Equal("acknowledge", (string?)acknowledge["action"]);
        var url = (string)acknowledge["url"]!;
        Assert.StartsWith(PushRig.PublicBaseUrl + "/actions?t=", url, StringComparison.Ordinal);
        Assert.True(rig.Links.TryVerify(url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..], out var action, out _));
        Assert.Equal((rig.AccountId, 42L, "alice", IncidentActionKind.Acknowledge, "push"), (action!.AccountId, action.Number, action.UserId, action.Action, action.Channel));
    }

    [Fact]
    public async Task A_gone_subscription_is_removed_without_retrying_and_the_others_still_get_the_page()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var uninstalled = pushService.Subscribe();
        var expired = pushService.Subscribe();
        var current = pushService.Subscribe();
        uninstalled.AlwaysAnswer(410);
        expired.AlwaysAnswer(404);
        await rig.SubscribeAsync(uninstalled);
        await rig.SubscribeAsync(expired);
        var kept = await rig.SubscribeAsync(current);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal("1 of 3 subscriptions", result.ProviderId);
        Assert.Single(current.Received);
        // 404 and 410 are answers, not failures: the resilience handler must not retry them.
        Assert.Single(uninstalled.Received);
        Assert.Single(expired.Received);
        Assert.Equal([kept.Id], (await rig.Store.ListAsync(rig.AccountId, "alice", CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task When_every_subscription_is_gone_the_page_fails_permanently_and_none_are_left()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        browser.AlwaysAnswer(410);
        await rig.SubscribeAsync(browser);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.StartsWith("all subscriptions gone", result.Detail, StringComparison.Ordinal);
        Assert.Empty(await rig.Store.ListAsync(rig.AccountId, "alice", CancellationToken.None));
    }

    [Fact]
    public async Task A_user_without_subscriptions_fails_permanently()
    {
        await using var rig = new PushRig(azurite);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Equal("no push subscriptions registered", result.Detail);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_push_service_that_keeps_failing_is_retried_then_reported_transient(int status)
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        browser.AlwaysAnswer(status);
        await rig.SubscribeAsync(browser);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Detail, StringComparison.Ordinal);
        // The first try and DeliveryOptions.RetryAttempts (3) retries; the subscription is kept for the next round.
        Assert.Equal(4, browser.Received.Count);
        Assert.Single(await rig.Store.ListAsync(rig.AccountId, "alice", CancellationToken.None));
    }

    [Fact]
    public async Task A_retried_request_carries_a_body_the_browser_can_still_decrypt()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        browser.AnswerNext(500, 503);
        await rig.SubscribeAsync(browser);
        var page = rig.Page();

        var result = await rig.Sender.SendAsync(page, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal([500, 503, 201], browser.Received.Select(r => r.Status));
        Assert.All(browser.Received, received => Assert.Equal(PushPayload.Create(page, rig.Links), received.Plaintext));
    }

    [Fact]
    public async Task A_push_service_that_refuses_a_message_fails_it_permanently_for_that_subscription_only()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var refusing = pushService.Subscribe();
        refusing.AlwaysAnswer(400);
        await rig.SubscribeAsync(refusing);

        var alone = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);
        var working = pushService.Subscribe();
        await rig.SubscribeAsync(working);
        var together = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, alone.Outcome);
        Assert.Contains("400", alone.Detail, StringComparison.Ordinal);
        Assert.Equal(SendOutcome.Accepted, together.Outcome);
        Assert.Equal("1 of 2 subscriptions", together.ProviderId);
        Assert.Equal(2, refusing.Received.Count);
        Assert.Equal(2, (await rig.Store.ListAsync(rig.AccountId, "alice", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_push_service_checks_the_VAPID_key_the_subscription_was_made_with()
    {
        // The browser subscribed with another application server key: the push service refuses our signature.
        await using var rig = new PushRig(azurite);
        await using var pushService = await LocalPushService.StartAsync(VapidKeys.Generate().PublicKey, PushRig.Subject);
        var browser = pushService.Subscribe();
        await rig.SubscribeAsync(browser);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        var received = Assert.Single(browser.Received);
        Assert.Equal(403, received.Status);
        Assert.Contains("k is not the application server key", received.VapidError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_push_service_is_transient()
    {
        await using var rig = new PushRig(azurite);
        await using (var closed = await rig.StartPushServiceAsync())
        {
            await rig.SubscribeAsync(closed.Subscribe());
        }

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Contains("network error", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_kilobyte_title_still_fits_in_one_push_record()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        await rig.SubscribeAsync(browser);

        var result = await rig.Sender.SendAsync(rig.Page(title: new string('x', 10_000)), CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var received = Assert.Single(browser.Received);
        Assert.Null(received.DecryptError);
        Assert.True(received.Body.Length <= 4096, $"{received.Body.Length} bytes on the wire");
    }

    [Fact]
    public async Task A_summary_page_lists_its_incidents_without_buttons()
    {
        await using var rig = new PushRig(azurite);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        await rig.SubscribeAsync(browser);
        var page = rig.Page() with
        {
            Incidents = [new(rig.AccountId, 44, "Disk full", Urgency.Low), new(rig.AccountId, 43, "API slow", Urgency.Medium), new(rig.AccountId, 42, "Database down", Urgency.High)],
        };

        var result = await rig.Sender.SendAsync(page, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        var received = Assert.Single(browser.Received);
        var payload = JsonNode.Parse(received.Plaintext!)!;
        Assert.Equal("3 incidents need you", (string?)payload["title"]);
        Assert.Equal([44L, 43L, 42L], payload["incidents"]!.AsArray().Select(i => (long)i!["number"]!));
        Assert.Empty(payload["actions"]!.AsArray());
        Assert.Equal("", received.Topic);
    }

    [Fact]
    public async Task Without_VAPID_settings_the_channel_is_not_configured()
    {
        await using var rig = new PushRig(azurite, configure: settings => settings["Notifications:WebPush:VapidPrivateKey"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/vapid)");

        Assert.False(rig.Sender.IsConfigured);
        Assert.Equal(SendOutcome.Permanent, (await rig.Sender.SendAsync(rig.Page(), CancellationToken.None)).Outcome);
    }

    [Theory]
    [InlineData("Notifications:WebPush:Subject", "ops@example.test")]
    [InlineData("Notifications:WebPush:VapidPrivateKey", "c2hvcnQ")]
    [InlineData("Notifications:WebPush:VapidPublicKey", "BAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE")]
    public async Task Settings_the_library_rejects_fail_the_page_permanently_without_showing_them(string setting, string value)
    {
        await using var rig = new PushRig(azurite, configure: settings => settings[setting] = value);
        await using var pushService = await rig.StartPushServiceAsync();
        var browser = pushService.Subscribe();
        await rig.SubscribeAsync(browser);

        var result = await rig.Sender.SendAsync(rig.Page(), CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.StartsWith("push settings are invalid", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(value, result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Vapid.PrivateKey, result.Detail, StringComparison.Ordinal);
        Assert.Empty(browser.Received);
    }
}
