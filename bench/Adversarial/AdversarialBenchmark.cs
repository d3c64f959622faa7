using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Klaxon.DevHost;
using Klaxon.DevHost.Adversarial;
using Klaxon.Ingestion;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Bench.Adversarial;

/// <summary>
/// The adversarial run of Functions.Tests/Http/AdversarialRouteTests (the same <see cref="AdversarialPlan"/>, one
/// request at a time) against DevHost with its demo account, timed: per route, how long the hostile requests took to
/// answer (p99 and max) against the 100 ms target, plus any 5xx and the largest answer.
/// </summary>
internal static class AdversarialBenchmark
{
    /// <summary>Each hostile request should be answered within this: 100 ms.</summary>
    public const double TargetMs = 100;

    public static async Task<IReadOnlyList<AdversarialRouteFigures>> RunAsync(TextWriter log)
    {
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        options.Settings["DevHost:AdminKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        options.Settings[Klaxon.Escalation.EscalationTimerFunction.ScheduleSetting] = "0 0 0 1 1 *";
        await using var devHost = await DevHostApp.StartAsync(options).ConfigureAwait(false);
        var webhook = devHost.IntegrationUrls.First(u => u.Type == Klaxon.Accounts.IntegrationType.Webhook);
        using var http = new HttpClient { BaseAddress = devHost.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var app = await SignInAsync(devHost.BaseAddress, "alice@example.com").ConfigureAwait(false);

        foreach (var id in new[] { "adv-1", "adv-2" })
        {
            using var content = new StringContent($$"""{"event_type":"create","Id":"{{id}}","Title":"Adversarial"}""", System.Text.Encoding.UTF8, "application/json");
            using var accepted = await http.PostAsync(webhook.Url, content).ConfigureAwait(false);
            accepted.EnsureSuccessStatusCode();
        }
        await WaitForIncidentAsync(http, devHost.ApiKeys[webhook.AccountId], webhook.AccountId, 2).ConfigureAwait(false);
        using var configRequest = Admin(HttpMethod.Get, $"api/accounts/{webhook.AccountId}/config", devHost.ApiKeys[webhook.AccountId]);
        using var configResponse = await http.SendAsync(configRequest).ConfigureAwait(false);
        var config = JsonNode.Parse(await configResponse.Content.ReadAsStringAsync().ConfigureAwait(false))!.AsObject();
        var seeds = AdversarialSeeds.For(webhook.Token, config);
        var restore = (JsonObject)config.DeepClone();
        foreach (var integration in devHost.IntegrationUrls.Where(u => u.AccountId == webhook.AccountId))
        {
            // GET leaves tokens out; put them back so a restored configuration keeps every integration's URL.
            restore["integrations"]!.AsArray().First(i => (string?)i!["id"] == integration.IntegrationId)!["token"] = integration.Token;
        }
        var routeValues = AdversarialSeeds.RouteValues(webhook.AccountId, webhook.IntegrationId, webhook.Token, (string?)config["teams"]![0]!["id"] ?? "ops");
        var plan = AdversarialPlan.For(FunctionCatalog.From(typeof(WebhookFunction).Assembly), "",
            (function, parameter) => parameter == "number" && AdversarialSeeds.ActsOnIncident(function) ? "2" : routeValues.GetValueOrDefault(parameter),
            name => seeds.GetValueOrDefault(name)?.DeepClone());
        log.WriteLine($"Adversarial: {plan.Count} hostile requests over {plan.Select(r => r.Function).Distinct().Count()} routes, one at a time.");

        // Warm-up, not measured: each route's seed request once, so the first timed request of a route is not its JIT.
        foreach (var request in plan.Where(r => r.Case == "seed"))
        {
            await SendAsync(request, request.Function.StartsWith("App", StringComparison.Ordinal) ? app : http, devHost.ApiKeys[webhook.AccountId], webhook.Token).ConfigureAwait(false);
        }
        var samples = new Dictionary<string, List<(double Ms, int Status, long Bytes, string Case)>>(StringComparer.Ordinal);
        foreach (var request in plan)
        {
            var (ms, status, bytes) = await SendAsync(request, request.Function.StartsWith("App", StringComparison.Ordinal) ? app : http, devHost.ApiKeys[webhook.AccountId], webhook.Token).ConfigureAwait(false);
            (samples.TryGetValue(request.Function, out var list) ? list : samples[request.Function] = []).Add((ms, status, bytes, request.Case));
            if (AdversarialSeeds.ReplacesConfig(request.Function) && status == 200)
            {
                using var restoreRequest = Admin(HttpMethod.Put, $"api/accounts/{webhook.AccountId}/config", devHost.ApiKeys[webhook.AccountId], restore.ToJsonString());
                using var restored = await http.SendAsync(restoreRequest).ConfigureAwait(false);
                restored.EnsureSuccessStatusCode();
            }
        }
        return [.. samples.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var latency = Stats.Summarize(s.Value.Select(v => v.Ms));
            var slowest = s.Value.MaxBy(v => v.Ms);
            return new AdversarialRouteFigures(s.Key, latency, slowest.Case, s.Value.Count(v => v.Status >= 500), s.Value.Max(v => v.Bytes));
        })];
    }

    public static void Print(IReadOnlyList<AdversarialRouteFigures> routes, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"route",-26} {"requests",8} {"p99 ms",8} {"max ms",8} {"5xx",4} {"max bytes",10}  target {TargetMs} ms   slowest case");
        foreach (var route in routes)
        {
            var verdict = route.Latency.MaxMs <= TargetMs ? "PASS" : "MISS";
            output.WriteLine($"{route.Function,-26} {route.Latency.Count,8} {route.Latency.P99Ms,8:F1} {route.Latency.MaxMs,8:F1} {route.ServerErrors,4} {route.MaxBytes,10}  {verdict,-16} {route.SlowestCase}");
        }
        var all = routes.Sum(r => r.Latency.Count);
        output.WriteLine();
        output.WriteLine($"{all} requests, {routes.Sum(r => r.ServerErrors)} answered 5xx, largest answer {routes.Max(r => r.MaxBytes)} bytes; "
            + $"{routes.Count(r => r.Latency.MaxMs <= TargetMs)} of {routes.Count} routes answered every request within {TargetMs} ms.");
    }

    private static async Task<(double Ms, int Status, long Bytes)> SendAsync(AdversarialRequest request, HttpClient client, string adminKey, string token)
    {
        using var message = request.ToMessage();
        message.Headers.TryAddWithoutValidation(Klaxon.Http.HeaderToken.Name, token);
        if (!request.Function.StartsWith("App", StringComparison.Ordinal))
        {
            // The account's admin API key: every route is anonymous at the host, and those under api/accounts ask for one.
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        }
        var start = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();
        return (Stats.Milliseconds(start, end), (int)response.StatusCode, body.LongLength);
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, string adminKey, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return request;
    }

    private static async Task WaitForIncidentAsync(HttpClient http, string adminKey, string accountId, long number)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var request = Admin(HttpMethod.Get, $"api/accounts/{accountId}/incidents/{number}", adminKey);
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"Incident #{number} of {accountId} was not opened.");
    }

    /// <summary>A client signed in through DevHost's local sign-in, sending the app's anti-forgery header.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string login)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var form = new FormUrlEncodedContent([new("login", login)]);
        using var response = await client.PostAsync(LocalSignIn.LoginPath.TrimStart('/'), form).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Local sign-in as {login} answered {(int)response.StatusCode}.");
        }
        client.DefaultRequestHeaders.Add("X-Klaxon-App", "1");
        return client;
    }
}

/// <summary>One route's figures: latency of its hostile requests, the slowest one, how many got 5xx, the largest answer.</summary>
internal sealed record AdversarialRouteFigures(string Function, LatencySummary Latency, string SlowestCase, int ServerErrors, long MaxBytes);
