using System.Net;
using System.Text.Json.Nodes;
using Klaxon.DevHost;
using Klaxon.DevHost.Adversarial;
using Klaxon.Ingestion;
using Klaxon.Tests.App;
using Klaxon.Tests.Rig;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Tests.Http;

/// <summary>
/// Hostile input at every HTTP route DevHost maps (found by reflection, so a route added later is covered without a
/// change here): wide, deep, long-keyed, duplicated and malformed bodies, broken text, and hostile query and route
/// values (see <see cref="AdversarialPlan"/>). Every answer is below 500 and at most 64 KB. How fast they come back is
/// measured by <c>dotnet run -c Release --project bench -- adversarial</c>, not here.
/// </summary>
[Collection(DevHostCollection.Name)]
public class AdversarialRouteTests(DevHostFixture devHost)
{
    /// <summary>Largest answer to any request here: 64 KB.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    [Fact]
    public async Task Every_route_answers_hostile_input_below_500_and_within_64_KB()
    {
        var accounts = await AppAccounts.CreateAsync(devHost);
        var parts = accounts.WebhookPathA.Split('/');
        // #1 is read, #2 acted on (every accepted hostile escalate adds to its timeline, and its answer may grow with it).
        foreach (var id in new[] { "adv-1", "adv-2" })
        {
            using var opened = await devHost.PostWebhookAsync(accounts.WebhookPathA, $$"""{"event_type":"create","Id":"{{id}}","Title":"Adversarial"}""");
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
            await devHost.WaitForIncidentAsync(accounts.A, id == "adv-1" ? 1 : 2, _ => true);
        }
        var config = await ConfigAsync(accounts.A);
        var seeds = AdversarialSeeds.For(parts[3], config);
        // What a hostile configuration that was stored is replaced with: the original, with the webhook's token (GET
        // leaves tokens out, and an integration the hostile one dropped would come back with a new one).
        var restore = (JsonObject)config.DeepClone();
        restore["integrations"]![0]!["token"] = parts[3];
        using var app = await AppAccounts.SignInAsync(devHost.Http.BaseAddress!, accounts.Alice);
        var catalog = FunctionCatalog.From(typeof(WebhookFunction).Assembly);
        var routeValues = AdversarialSeeds.RouteValues(accounts.A, parts[2], parts[3], (string?)config["teams"]![0]!["id"] ?? "ops");
        var hostJson = HostJsonSettings.Load(Path.Combine(Infra.RepoPaths.Root, "host.json"));

        var plan = AdversarialPlan.For(catalog, hostJson.RoutePrefix,
            (function, parameter) => parameter == "number" && AdversarialSeeds.ActsOnIncident(function) ? "2" : routeValues.GetValueOrDefault(parameter),
            name => seeds.GetValueOrDefault(name)?.DeepClone());

        var uncovered = plan.Where(r => r.Body is { Name: "seed" } && !seeds.ContainsKey(r.Function) && !AdversarialSeeds.WithoutSeed.ContainsKey(r.Function))
            .Select(r => r.Function).Distinct().ToList();
        Assert.True(uncovered.Count == 0, $"Routes with a body but no seed body to mutate (add one to AdversarialSeeds.For, or a reason to AdversarialSeeds.WithoutSeed): {string.Join(", ", uncovered)}");
        var failures = new List<string>();
        var seedStatus = new Dictionary<string, HttpStatusCode>();
        foreach (var request in plan)
        {
            var (status, size) = await SendAsync(request, request.Function.StartsWith("App", StringComparison.Ordinal) ? app : devHost.Http, parts[3]);
            if ((int)status >= 500 || size > MaxResponseBytes)
            {
                failures.Add($"{request.Function} {request.Method} [{request.Case}] -> {(int)status}, {size} bytes");
            }
            if (request.Case == "seed")
            {
                seedStatus[request.Function] = status;
            }
            if (AdversarialSeeds.ReplacesConfig(request.Function) && status == HttpStatusCode.OK)
            {
                await RestoreAsync(accounts.A, restore);
            }
        }

        // Leave the shared DevHost as found: the hundreds of events accepted here are applied and paged before the next test.
        await devHost.WaitForEventsToDrainAsync(TimeSpan.FromMinutes(3));
        Assert.True(failures.Count == 0, $"{failures.Count} of {plan.Count} hostile requests failed:\n{string.Join("\n", failures.Take(40))}");
        // Every route was reached as a caller allowed on it, so the hostile input met its parsing, not a refusal.
        Assert.Equal(catalog.Http.Select(f => f.Function.Name).Order(), seedStatus.Keys.Order());
        Assert.All(seedStatus.Where(s => !SeedRefused.ContainsKey(s.Key)),
            s => Assert.True((int)s.Value < 400, $"{s.Key}: its seed request was answered {(int)s.Value}"));
    }

    /// <summary>Routes whose valid example is still refused here, and why; every other route's seed must succeed.</summary>
    private static readonly Dictionary<string, string> SeedRefused = new(StringComparer.Ordinal)
    {
        ["TwilioInboundSms"] = "unsigned: 403 (the signature check reads the whole hostile form first)",
        ["TwilioStatus"] = "unsigned: 403",
        ["TwilioVoiceGather"] = "unsigned: 403",
        ["SendGridEvents"] = "unsigned: 403 (the check reads the whole hostile body first)",
        ["ShowActionLink"] = "no signed link token",
        ["SubmitActionLink"] = "no signed link token",
        ["Heartbeat"] = "the account's integration is a webhook: 404",
        ["HeartbeatWithHeaderToken"] = "the account's integration is a webhook: 404",
        ["DeletePushSubscription"] = "no such subscription: 404",
        ["AppRemovePushDevice"] = "no such device: 404",
        ["AppCalendarSubscription"] = "no calendar signature (u and s): 404",
        ["GetScheduleShifts"] = "needs from and to: 400",
        ["GetResponseReport"] = "needs from and to: 400",
        ["PagerDutyEnqueue"] = "the account has no pagerduty integration for the routing key: 404 (after parsing the body)",
        ["RotateApiKey"] = "no such key: 404",
        ["RevokeApiKey"] = "no such key: 404",
        ["RotateCalendarToken"] = "no such calendar token: 404",
        ["RevokeCalendarToken"] = "no such calendar token: 404",
        ["EndMaintenance"] = "no such window: 404",
        ["ListWebhookDeliveries"] = "the account has no outgoing webhook: 404",
        ["ListChatDeliveries"] = "the team has no chat channel: 404",
        ["EscalateIncident"] = "incident #2 may already be closed by the hostile acknowledges and resolves before it: 409",
        ["AppEscalateIncident"] = "incident #2 may already be closed by the hostile acknowledges and resolves before it: 409",
    };

    private async Task<(HttpStatusCode Status, long Size)> SendAsync(AdversarialRequest request, HttpClient client, string token)
    {
        using var message = request.ToMessage();
        message.Headers.TryAddWithoutValidation(Klaxon.Http.HeaderToken.Name, token);
        if (!request.Function.StartsWith("App", StringComparison.Ordinal))
        {
            // As the account's admin: every route is anonymous at the host, and those under api/accounts ask for a key.
            devHost.Authorize(message);
        }
        using var response = await client.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, body.LongLength);
    }

    private async Task<JsonObject> ConfigAsync(string accountId)
    {
        using var response = await devHost.Admin(HttpMethod.Get, $"api/accounts/{accountId}/config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>A hostile configuration that was valid was stored: put the original back, so later routes keep their users.</summary>
    private async Task RestoreAsync(string accountId, JsonObject config)
    {
        using var response = await devHost.Admin(HttpMethod.Put, $"api/accounts/{accountId}/config", config.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
