using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.DevHost;
using Klaxon.Notifications.Contacts;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Notifications.Twilio;

/// <summary>
/// Drives DevHost as Twilio would: form posts signed over the public URL (<see cref="ProviderMocks.PublicBaseUrl"/>,
/// not DevHost's loopback address, as behind a front door), plus an account whose users have phones.
/// </summary>
public sealed class TwilioWebhooks(DevHostFixture devHost)
{
    /// <summary>The number pages come from; Twilio's <c>To</c> on inbound SMS and <c>From</c> on calls.</summary>
    public const string KlaxonNumber = ProviderMocks.TwilioFromNumber;

    /// <summary>The URL Twilio signs for <paramref name="pathAndQuery"/> (no leading slash).</summary>
    public static string PublicUrl(string pathAndQuery) => $"{ProviderMocks.PublicBaseUrl}/{pathAndQuery}";

    public string Sign(string pathAndQuery, IReadOnlyDictionary<string, string> form) =>
        TwilioSigner.Sign(devHost.Providers.TwilioAuthToken, PublicUrl(pathAndQuery), form);

    /// <summary>Posts <paramref name="form"/> with <paramref name="signature"/> (null: no header).</summary>
    public async Task<HttpResponseMessage> PostAsync(string pathAndQuery, IReadOnlyDictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }
        return await devHost.Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostSignedAsync(string pathAndQuery, IReadOnlyDictionary<string, string> form) =>
        PostAsync(pathAndQuery, form, Sign(pathAndQuery, form));

    /// <summary>An inbound SMS as Twilio posts it to the number's messaging webhook.</summary>
    public static Dictionary<string, string> Sms(string from, string body) => new()
    {
        ["AccountSid"] = ProviderMocks.TwilioAccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["Body"] = body,
        ["From"] = from,
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["SmsStatus"] = "received",
        ["To"] = KlaxonNumber,
    };

    /// <summary>A gather action request on an outbound call to <paramref name="callee"/>.</summary>
    public static Dictionary<string, string> Gather(string callee, string digits) => new()
    {
        ["AccountSid"] = ProviderMocks.TwilioAccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
        ["CallStatus"] = "in-progress",
        ["Called"] = callee,
        ["Caller"] = KlaxonNumber,
        ["Digits"] = digits,
        ["Direction"] = "outbound-api",
        ["From"] = KlaxonNumber,
        ["To"] = callee,
    };

    /// <summary>A random US test number (555), so phones never collide across tests sharing the contact log.</summary>
    public static string NewPhone() => "+1555" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An account with alice and bob, both with phones, and one webhook integration.</summary>
    public async Task<PhoneAccount> CreateAccountAsync()
    {
        var account = new PhoneAccount(devHost, "acct" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), NewPhone(), NewPhone());
        var document = new JsonObject
        {
            ["id"] = account.Id,
            ["name"] = "Test " + account.Id,
            ["users"] = new JsonArray(
                // With an email and no rules, escalation pages them by email: real SMS pages would write the phones'
                // contact log behind the tests' backs.
                new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["phone"] = account.AlicePhone, ["email"] = "alice@example.test" },
                new JsonObject { ["id"] = "bob", ["name"] = "Bob", ["phone"] = account.BobPhone, ["email"] = "bob@example.test" }),
            ["teams"] = new JsonArray(new JsonObject
            {
                ["id"] = "ops",
                ["name"] = "Operations",
                ["escalationPolicy"] = new JsonObject
                {
                    ["layers"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["user"] = "alice" }), ["escalateAfter"] = "PT5M" }),
                },
            }),
            ["integrations"] = new JsonArray(new JsonObject
            {
                ["id"] = account.IntegrationId,
                ["token"] = account.Token,
                ["name"] = "Monitor",
                ["urgency"] = "medium",
                ["team"] = "ops",
            }),
        };
        using var response = await devHost.Admin(HttpMethod.Put, $"api/accounts/{account.Id}/config", document.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return account;
    }
}

public sealed record PhoneAccount(DevHostFixture DevHost, string Id, string IntegrationId, string Token, string AlicePhone, string BobPhone)
{
    private int _opened;

    /// <summary>Opens an incident through the webhook and waits until it exists; returns its number.</summary>
    public async Task<long> OpenIncidentAsync(string title)
    {
        var number = Interlocked.Increment(ref _opened);
        var body = new JsonObject { ["event_type"] = "create", ["Id"] = "alert-" + number, ["Title"] = title, ["Description"] = "d" };
        using var response = await DevHost.PostWebhookAsync($"integration/{Id}/{IntegrationId}/{Token}", body.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await DevHost.WaitForIncidentAsync(Id, number, _ => true);
        return number;
    }

    /// <summary>Records a page to <paramref name="phone"/> as PageDelivery does after sending it.</summary>
    public Task RecordPageAsync(string phone, long number, string user, DateTimeOffset at) =>
        DevHost.Host.Services.GetRequiredService<ContactLog>().RecordAsync(phone, Id, number, user, at, CancellationToken.None);

    public async Task<JsonObject> GetIncidentAsync(long number)
    {
        using var response = await DevHost.Admin(HttpMethod.Get, $"api/accounts/{Id}/incidents/{number}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static IEnumerable<string> Messages(JsonObject incident) => incident["timeline"]!.AsArray().Select(line => (string)line!["message"]!);
}
