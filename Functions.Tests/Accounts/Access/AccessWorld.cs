using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Accounts.Access;

/// <summary>
/// Two accounts for the access tests, made once per DevHost: account A with two schedules, an open incident, a key of
/// every role, a revoked key and a key and a calendar token to rotate or revoke; account B with its own admin key.
/// </summary>
public sealed class AccessWorld
{
    private static readonly ConditionalWeakTable<DevHostFixture, Task<AccessWorld>> Worlds = [];

    private readonly DevHostFixture _devHost;

    private AccessWorld(DevHostFixture devHost, string accountId, string otherAccountId)
    {
        _devHost = devHost;
        AccountId = accountId;
        OtherAccountId = otherAccountId;
    }

    public string AccountId { get; }

    public string OtherAccountId { get; }

    public Dictionary<ApiRole, string> Keys { get; } = [];

    public string OtherAccountAdminKey { get; private set; } = "";

    public string RevokedKey { get; private set; } = "";

    private string TargetKeyId { get; set; } = "";

    private string TargetCalendarTokenId { get; set; } = "";

    public static Task<AccessWorld> GetAsync(DevHostFixture devHost) => Worlds.GetValue(devHost, BuildAsync);

    /// <summary>A valid account document with schedules <c>primary</c> and <c>secondary</c>, user <c>alice</c> and a webhook.</summary>
    public static JsonObject Document(string id) => new()
    {
        ["id"] = id,
        ["name"] = "Access " + id,
        ["users"] = new JsonArray(new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["email"] = "alice@example.com" }),
        ["schedules"] = new JsonArray(
            new JsonObject
            {
                ["id"] = "primary",
                ["timeZone"] = "Europe/Paris",
                ["rotations"] = new JsonArray(new JsonObject { ["users"] = new JsonArray("alice"), ["start"] = "2026-01-05T09:00:00", ["length"] = "P7D" }),
            },
            new JsonObject
            {
                ["id"] = "secondary",
                ["timeZone"] = "Europe/Paris",
                ["rotations"] = new JsonArray(new JsonObject { ["users"] = new JsonArray("alice"), ["start"] = "2026-01-05T09:00:00", ["length"] = "P7D" }),
            }),
        ["teams"] = new JsonArray(new JsonObject
        {
            ["id"] = "ops",
            ["name"] = "Operations",
            ["escalationPolicy"] = new JsonObject
            {
                ["layers"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["schedule"] = "primary" }), ["escalateAfter"] = "PT5M" }),
            },
        }),
        ["integrations"] = new JsonArray(new JsonObject
        {
            ["id"] = "monitor",
            ["token"] = "tok" + id,
            ["type"] = "webhook",
            ["name"] = "Monitor",
            ["urgency"] = "low",
            ["team"] = "ops",
        }),
    };

    /// <summary>A route template with this world's values: account A, incident 1, schedule primary, user alice, the targets.</summary>
    public string PathFor(string route) => route
        .Replace("{accountId}", AccountId, StringComparison.Ordinal)
        .Replace("{number}", "1", StringComparison.Ordinal)
        .Replace("{scheduleId}", "primary", StringComparison.Ordinal)
        .Replace("{userId}", "alice", StringComparison.Ordinal)
        .Replace("{subscriptionId}", "nosuchsubscription", StringComparison.Ordinal)
        .Replace("{keyId}", TargetKeyId, StringComparison.Ordinal)
        .Replace("{tokenId}", TargetCalendarTokenId, StringComparison.Ordinal)
        .Replace("{maintenanceId}", "0190a0a0-0000-7000-8000-000000000000", StringComparison.Ordinal)
        .Replace("{webhookId}", "nosuchwebhook", StringComparison.Ordinal)
        .Replace("{teamId}", "ops", StringComparison.Ordinal)
        .Replace("{index}", "0", StringComparison.Ordinal);

    /// <summary>Everything a refused call could have changed in account A, as text to compare.</summary>
    public async Task<string> SnapshotAsync()
    {
        var admin = Keys[ApiRole.Admin];
        var parts = new List<string>();
        foreach (var path in new[]
        {
            $"api/accounts/{AccountId}/config",
            $"api/accounts/{AccountId}/keys",
            $"api/accounts/{AccountId}/incidents/1",
            $"api/accounts/{AccountId}/schedules/primary/calendar-tokens",
            $"api/accounts/{AccountId}/users/alice/push-subscriptions",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await _devHost.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            // Of the incident only its state: its timeline grows as paging goes on, whoever calls.
            parts.Add(path.EndsWith("/incidents/1", StringComparison.Ordinal) ? $"{body["status"]}|{body["acknowledgedBy"]}" : body.ToJsonString());
        }
        return string.Join("\n", parts);
    }

    private static async Task<AccessWorld> BuildAsync(DevHostFixture devHost)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var world = new AccessWorld(devHost, "access-a" + suffix, "access-b" + suffix);
        foreach (var id in new[] { world.AccountId, world.OtherAccountId })
        {
            using var put = await devHost.Admin(HttpMethod.Put, $"api/accounts/{id}/config", Document(id).ToJsonString());
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            world.Keys[role] = await devHost.IssueKeyAsync(world.AccountId, role.ToWire());
        }
        world.OtherAccountAdminKey = devHost.AdminKeyOf(world.OtherAccountId);
        world.RevokedKey = await devHost.IssueKeyAsync(world.AccountId, "admin", "to revoke");
        var revokedId = world.RevokedKey.Split('_')[1];
        using (var revoke = await devHost.Admin(HttpMethod.Delete, $"api/accounts/{world.AccountId}/keys/{revokedId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        world.TargetKeyId = (await devHost.IssueKeyAsync(world.AccountId, "readOnly", "target")).Split('_')[1];
        using (var token = await devHost.Admin(HttpMethod.Post, $"api/accounts/{world.AccountId}/schedules/primary/calendar-tokens", """{"name":"target"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, token.StatusCode);
            world.TargetCalendarTokenId = (string)(await token.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        }
        using (var webhook = await devHost.PostWebhookAsync($"integration/{world.AccountId}/monitor/tok{world.AccountId}",
            """{"event_type":"create","Id":"access-1","Title":"Access test"}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, webhook.StatusCode);
        }
        await devHost.WaitForIncidentAsync(world.AccountId, 1, incident => (string?)incident["status"] == "open");
        return world;
    }
}
