using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Klaxon.Notifications.Push;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>The push subscription API and the VAPID key endpoint, through DevHost, as a web app would call them.</summary>
[Collection(DevHostCollection.Name)]
public sealed class PushSubscriptionApiTests(DevHostFixture fixture)
{
    [Fact]
    public async Task A_user_can_have_at_most_twenty_subscriptions_and_re_adding_one_is_still_fine()
    {
        var account = await fixture.CreateAccountAsync();
        var path = $"api/accounts/{account.Id}/users/alice/push-subscriptions";
        var first = Subscription("https://fcm.googleapis.com/fcm/send/limit-0");
        for (var i = 0; i < Klaxon.Notifications.Push.PushSubscriptionStore.MaxPerUser; i++)
        {
            using var added = await fixture.Admin(HttpMethod.Post, path, (i == 0 ? first : Subscription($"https://fcm.googleapis.com/fcm/send/limit-{i}")).ToJsonString());
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var tooMany = await fixture.Admin(HttpMethod.Post, path, Subscription("https://fcm.googleapis.com/fcm/send/limit-one-more").ToJsonString());
        using var again = await fixture.Admin(HttpMethod.Post, path, first.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Contains("at most 20 push subscriptions", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_browser_subscription_is_added_listed_without_its_keys_and_deleted()
    {
        var account = await fixture.CreateAccountAsync();
        var path = $"api/accounts/{account.Id}/users/alice/push-subscriptions";
        var endpoint = "https://fcm.googleapis.com/fcm/send/" + Guid.NewGuid().ToString("N");
        var body = Subscription(endpoint);

        using var created = await fixture.Admin(HttpMethod.Post, path, body.ToJsonString());
        using var again = await fixture.Admin(HttpMethod.Post, path, body.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(endpoint)));
        Assert.Equal($$"""{"id":"{{id}}","endpoint":"{{endpoint}}"}""", await created.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        using var listed = await fixture.Admin(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var text = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain((string)body["keys"]!["p256dh"]!, text, StringComparison.Ordinal);
        Assert.DoesNotContain((string)body["keys"]!["auth"]!, text, StringComparison.Ordinal);
        var item = Assert.Single(JsonNode.Parse(text)!["items"]!.AsArray())!;
        Assert.Equal(["id", "endpoint", "createdAt"], item.AsObject().Select(p => p.Key));
        Assert.Equal(id, (string?)item["id"]);
        Assert.Equal(endpoint, (string?)item["endpoint"]);

        using var deleted = await fixture.Admin(HttpMethod.Delete, $"{path}/{id}");
        using var deletedAgain = await fixture.Admin(HttpMethod.Delete, $"{path}/{id}");
        using var empty = await fixture.Admin(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.Empty((await empty.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());
    }

    [Fact]
    public async Task An_http_endpoint_on_loopback_is_accepted_for_local_push_services()
    {
        var account = await fixture.CreateAccountAsync();

        using var response = await fixture.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions",
            Subscription("http://127.0.0.1:9/push/abc").ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "endpoint", "is required", """{"keys":{"p256dh":"$P","auth":"$A"}}""" },
        { "endpoint", "must be an absolute https URL", """{"endpoint":"fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"$P","auth":"$A"}}""" },
        { "endpoint", "must be an absolute https URL", """{"endpoint":"ftp://push.example.com/x","keys":{"p256dh":"$P","auth":"$A"}}""" },
        { "endpoint", "must be an https URL (http only for loopback hosts)", """{"endpoint":"http://push.example.com/x","keys":{"p256dh":"$P","auth":"$A"}}""" },
        { "endpoint", "must be a string", """{"endpoint":42,"keys":{"p256dh":"$P","auth":"$A"}}""" },
        { "keys", "is required: an object with p256dh and auth", """{"endpoint":"https://push.example.com/x"}""" },
        { "keys.p256dh", "is required", """{"endpoint":"https://push.example.com/x","keys":{"auth":"$A"}}""" },
        // 65 bytes starting 0x04 that are not a point on P-256.
        { "keys.p256dh", "must be base64url of an uncompressed P-256 public key (65 bytes starting 0x04, a point on the curve)",
            """{"endpoint":"https://push.example.com/x","keys":{"p256dh":"BAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE","auth":"$A"}}""" },
        { "keys.p256dh", "must be base64url of an uncompressed P-256 public key (65 bytes starting 0x04, a point on the curve)",
            """{"endpoint":"https://push.example.com/x","keys":{"p256dh":"not base64!","auth":"$A"}}""" },
        { "keys.auth", "must be base64url of 16 bytes", """{"endpoint":"https://push.example.com/x","keys":{"p256dh":"$P","auth":"AAAAAAAAAAAAAAAAAAAA"}}""" },
        { "body", "must be a JSON object, the browser's PushSubscription.toJSON()", """["https://push.example.com/x"]""" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_subscription_is_refused_naming_the_field_and_rule(string field, string message, string template)
    {
        var account = await fixture.CreateAccountAsync();
        var valid = Subscription("https://push.example.com/x")["keys"]!;
        var body = template.Replace("$P", (string)valid["p256dh"]!, StringComparison.Ordinal).Replace("$A", (string)valid["auth"]!, StringComparison.Ordinal);

        using var response = await fixture.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray())!;
        Assert.Equal(field, (string?)error["field"]);
        Assert.Equal(message, (string?)error["message"]);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var account = await fixture.CreateAccountAsync();

        using var response = await fixture.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions",
            """{"endpoint":"http://push.example.com/x","keys":{"p256dh":"AAAA","auth":"AAAA"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("invalid", (string?)body["status"]);
        Assert.Equal(["endpoint", "keys.p256dh", "keys.auth"], body["errors"]!.AsArray().Select(e => (string)e!["field"]!));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_by_content_type()
    {
        var account = await fixture.CreateAccountAsync();
        using var request = fixture.AdminRequest(HttpMethod.Post, $"api/accounts/{account.Id}/users/alice/push-subscriptions");
        request.Content = new StringContent(Subscription("https://push.example.com/x").ToJsonString(), System.Text.Encoding.UTF8, "text/plain");

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("Alice")]
    public async Task An_unknown_user_is_not_found(string user)
    {
        var account = await fixture.CreateAccountAsync();
        var path = $"api/accounts/{account.Id}/users/{user}/push-subscriptions";

        using var post = await fixture.Admin(HttpMethod.Post, path, Subscription("https://push.example.com/x").ToJsonString());
        using var list = await fixture.Admin(HttpMethod.Get, path);
        using var delete = await fixture.Admin(HttpMethod.Delete, $"{path}/{new string('a', 64)}");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { post.StatusCode, list.StatusCode, delete.StatusCode });
        Assert.Equal("""{"status":"not_found"}""", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_and_an_unknown_account_has_no_key_that_opens_it()
    {
        var account = await fixture.CreateAccountAsync();
        using var unknownUser = await fixture.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/users/nobody/push-subscriptions",
            Subscription("https://push.example.com/x").ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/accounts/no-such-account/users/alice/push-subscriptions")
        {
            Content = new StringContent(Subscription("https://push.example.com/x").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.AdminKeyOf(account.Id));
        using var unknownAccount = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownAccount.StatusCode);
    }

    [Fact]
    public async Task The_subscription_api_needs_an_api_key()
    {
        var account = await fixture.CreateAccountAsync();

        using var response = await fixture.Http.GetAsync($"api/accounts/{account.Id}/users/alice/push-subscriptions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_VAPID_public_key_is_served_without_a_key_for_pushManager_subscribe()
    {
        using var response = await fixture.Http.GetAsync("push/vapid-public-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"publicKey":"{{fixture.Providers.Vapid.PublicKey}}"}""", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(fixture.Providers.Vapid.PrivateKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>What <c>PushSubscription.toJSON()</c> gives, with a real P-256 key and auth secret.</summary>
    internal static JsonObject Subscription(string endpoint)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return new JsonObject
        {
            ["endpoint"] = endpoint,
            ["expirationTime"] = null,
            ["keys"] = new JsonObject
            {
                ["p256dh"] = Base64Url.EncodeToString(Aes128GcmDecryptor.PublicKeyBytes(key)),
                ["auth"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            },
        };
    }
}
