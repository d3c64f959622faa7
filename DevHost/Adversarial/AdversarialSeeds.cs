using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Klaxon.DevHost.Adversarial;

/// <summary>
/// Valid example bodies for the functions that parse JSON, which <see cref="AdversarialBodies.Mutations"/> plants hostile
/// values in, shared by the adversarial test and the bench so both throw the same requests. Both send every request
/// with the integration's token in the <c>pagertree-token</c> header too, so routes that take it from there parse the body.
/// </summary>
public static class AdversarialSeeds
{
    /// <summary>
    /// Functions with a body that is not (only) JSON Klaxon parses itself, so a seed adds nothing: they still get every
    /// standalone hostile body, JSON and form. Any other function with a body needs a seed in <see cref="For"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutSeed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TwilioInboundSms"] = "a signed Twilio form",
        ["TwilioStatus"] = "a signed Twilio form",
        ["TwilioVoiceGather"] = "a signed Twilio form",
        ["SendGridEvents"] = "signed with ECDSA over the raw body; unsigned bodies are refused before parsing",
        ["SubmitActionLink"] = "a form with the link's token",
        ["Heartbeat"] = "the body is ignored",
        ["HeartbeatWithHeaderToken"] = "the body is ignored",
        ["RotateApiKey"] = "no body is read",
        ["RotateCalendarToken"] = "no body is read",
        ["EndMaintenance"] = "no body is read",
        ["ResetUserCalendarLinks"] = "no body is read",
        ["AppResetCalendarLinks"] = "no body is read",
    };

    /// <summary>
    /// Route values for every route parameter, the same in the test and the bench. Ids of things that do not exist
    /// (a key, a calendar token, a window, a webhook) are well-formed, so the route gets past parsing to its 404; an
    /// existing key's id is never used, so no hostile request can revoke the key the run itself uses.
    /// </summary>
    public static Dictionary<string, string> RouteValues(string accountId, string integrationId, string token, string teamId) => new(StringComparer.Ordinal)
    {
        ["accountId"] = accountId,
        ["integrationId"] = integrationId,
        ["token"] = token,
        ["number"] = "1",
        ["scheduleId"] = "primary",
        ["userId"] = "alice",
        ["subscriptionId"] = "0123456789abcdef",
        ["deviceId"] = "0123456789abcdef",
        ["path"] = "index.html",
        ["keyId"] = "aaaaaaaaaaaa",
        ["tokenId"] = "aaaaaaaaaaaa",
        ["maintenanceId"] = "0190a0a0-0000-7000-8000-000000000000",
        ["webhookId"] = "nosuchwebhook",
        ["teamId"] = teamId,
        ["index"] = "0",
    };

    /// <summary>Functions whose configuration body, once accepted, replaces the account's (put the original back after).</summary>
    public static bool ReplacesConfig(string function) => function is "PutAccountConfig" or "AppPutConfig";

    /// <summary>
    /// Functions that act on the incident in their route: point them at another incident than the reads, since every
    /// accepted escalation adds to its timeline (and the answer that shows it grows with it).
    /// </summary>
    public static bool ActsOnIncident(string function) =>
        function.EndsWith("AcknowledgeIncident", StringComparison.Ordinal) || function.EndsWith("ResolveIncident", StringComparison.Ordinal)
        || function.EndsWith("EscalateIncident", StringComparison.Ordinal);

    /// <param name="integrationToken">The token of the account's webhook integration (the PagerDuty routing key).</param>
    /// <param name="config">The account's configuration as <c>GET …/config</c> answers it.</param>
    public static Dictionary<string, JsonNode> For(string integrationToken, JsonObject config)
    {
        var user = new JsonObject { ["user"] = "alice" };
        var subscription = PushSubscription("https://fcm.googleapis.com/fcm/send/adversarial");
        return new(StringComparer.Ordinal)
        {
            ["Webhook"] = JsonNode.Parse("""
                {"event_type":"create","Id":"adv-seed","Title":"Disk full","Description":"/var at 98%","urgency":"high",
                 "tags":["db","disk"],"meta":{"host":"db1","values":[1,2.5,null,true]}}
                """)!,
            ["WebhookWithHeaderToken"] = JsonNode.Parse("""{"event_type":"create","Id":"adv-seed-header","Title":"Disk full","meta":{"host":"db1"}}""")!,
            ["PagerDutyEnqueue"] = new JsonObject
            {
                ["routing_key"] = integrationToken,
                ["event_action"] = "trigger",
                ["dedup_key"] = "adv-seed",
                ["payload"] = JsonNode.Parse("""{"summary":"Disk full","source":"db1","severity":"critical","custom_details":{"free":"2%"}}"""),
                ["links"] = JsonNode.Parse("""[{"href":"https://example.com","text":"x"}]"""),
            },
            ["AcknowledgeIncident"] = user.DeepClone(),
            ["ResolveIncident"] = user.DeepClone(),
            ["EscalateIncident"] = user.DeepClone(),
            ["AppAcknowledgeIncident"] = new JsonObject(),
            ["AppResolveIncident"] = new JsonObject(),
            ["AppEscalateIncident"] = new JsonObject(),
            ["AddPushSubscription"] = subscription.DeepClone(),
            ["AppAddPushDevice"] = subscription.DeepClone(),
            ["AddIncidentNote"] = new JsonObject { ["user"] = "alice", ["text"] = "Rotating logs on db1" },
            ["AppAddIncidentNote"] = new JsonObject { ["text"] = "Rotating logs on db1" },
            ["StartMaintenance"] = new JsonObject { ["team"] = (string?)config["teams"]?[0]?["id"] ?? "ops", ["minutes"] = 60, ["reason"] = "adversarial" },
            ["CreateApiKey"] = new JsonObject { ["name"] = "adversarial", ["role"] = "readOnly" },
            ["CreateCalendarToken"] = new JsonObject { ["name"] = "adversarial" },
            ["PutAccountConfig"] = config.DeepClone(),
            ["AppPutConfig"] = config.DeepClone(),
        };
    }

    /// <summary>A browser's <c>PushSubscription.toJSON()</c> with a fresh P-256 key.</summary>
    private static JsonObject PushSubscription(string endpoint)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(false).Q;
        return new JsonObject
        {
            ["endpoint"] = endpoint,
            ["expirationTime"] = null,
            ["keys"] = new JsonObject
            {
                ["p256dh"] = Base64Url.EncodeToString([0x04, .. point.X!, .. point.Y!]),
                ["auth"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            },
        };
    }
}
