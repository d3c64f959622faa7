using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Klaxon.DevHost;
using Klaxon.Telemetry;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Klaxon.Tests.Telemetry;

/// <summary>
/// One page is one trace, through DevHost with the Prism mocks of Twilio and SendGrid: a webhook's accept, the apply
/// that opened the incident, the escalation start, the page and the provider call share one trace id and each is the
/// parent of the next, whether the start and first page run in the apply invocation (<c>Klaxon:DispatchInline</c>) or
/// each behind its own queue hop. Each DevHost here has its own Azurite, so no other listener takes its messages.
/// </summary>
[Collection(DevHostCollection.Name)]
public class PageTraceTests(DevHostFixture devHost)
{
    private const string OperatorKey = "trace-operator-key-0123456789abcdefghijklmnop";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_webhook_its_apply_escalation_page_and_provider_call_are_one_chain(bool dispatchInline)
    {
        var spans = new SpanLog();
        var phone = "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var (account, token) = ("trace" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N"));
        await using var host = await StartAsync(dispatchInline, spans);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await PutAccountAsync(http, account, token, phone);

        using var accepted = await http.PostAsync($"integration/{account}/mon/{token}",
            new StringContent("""{"event_type":"create","Id":"db1","Title":"Database down"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var accept = await WaitForAsync(spans, s => s.OperationName == KlaxonTelemetry.Accept && Tag(s, KlaxonTelemetry.AccountAttribute) == account);
        var trace = accept.TraceId;
        // A span is exported when it ends, and inline the outer steps end after the provider call.
        await WaitForAsync(spans, _ => Chain(spans.Snapshot().Where(s => s.TraceId == trace).ToList()) is not null);
        var mine = spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        var (apply, escalate, page, sms) = Chain(mine)!.Value;

        // The host's invocation span is the accept's parent, as in Azure; from there each step is the previous one's child.
        Assert.Equal("Webhook", Assert.Single(mine, s => s.SpanId == accept.ParentSpanId).OperationName);
        Assert.Equal(accept.SpanId, apply.ParentSpanId);
        Assert.Equal(apply.SpanId, escalate.ParentSpanId);
        Assert.Equal(escalate.SpanId, page.ParentSpanId);
        Assert.Equal(page.SpanId, sms.ParentSpanId);
        Assert.Equal(ActivityKind.Client, sms.Kind);
        Assert.Equal("twilio", Tag(sms, KlaxonTelemetry.ProviderAttribute));
        Assert.Equal("accepted", Tag(sms, KlaxonTelemetry.OutcomeAttribute));
        Assert.Equal("1", Tag(page, KlaxonTelemetry.IncidentAttribute));
        Assert.Equal("applied", Tag(apply, KlaxonTelemetry.OutcomeAttribute));
        Assert.All([accept, apply, escalate, page, sms], s => Assert.Equal(account, Tag(s, KlaxonTelemetry.AccountAttribute)));

        // Behind a queue hop, a step starts in the trace its message carries and links to the invocation that ran it.
        Assert.Single(apply.Links);
        Assert.Equal(dispatchInline ? 0 : 1, escalate.Links.Count());
        Assert.Equal(dispatchInline ? 0 : 1, page.Links.Count());

        var secrets = new[] { token, phone, "carol@example.test", devHost.Providers.TwilioAuthToken, "SG.devhost-mock-key" };
        var leaks = mine.SelectMany(s => s.TagObjects.Select(t => (Span: s.OperationName, t.Key, Value: Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")))
            .Where(t => secrets.Any(secret => t.Value.Contains(secret, StringComparison.Ordinal)))
            .Select(t => $"{t.Span}: {t.Key}")
            .ToList();
        Assert.Empty(leaks);
        Assert.DoesNotContain(mine, s => secrets.Any(secret => s.DisplayName.Contains(secret, StringComparison.Ordinal)));
    }

    private async Task<DevHostApp> StartAsync(bool dispatchInline, SpanLog spans)
    {
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        foreach (var (key, value) in devHost.Providers.Settings)
        {
            options.Settings[key] = value;
        }
        options.Settings["Klaxon:Access:OperatorKey"] = OperatorKey;
        options.Settings["Klaxon:DispatchInline"] = dispatchInline ? "true" : "false";
        options.ConfigureHost = host => host with { MaxPollingInterval = TimeSpan.FromMilliseconds(250) };
        options.ConfigureServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        return await DevHostApp.StartAsync(options);
    }

    private static async Task PutAccountAsync(HttpClient http, string account, string token, string phone)
    {
        var document = $$"""
            {
              "id": "{{account}}", "name": "Traced",
              "users": [{ "id": "carol", "name": "Carol", "phone": "{{phone}}", "email": "carol@example.test",
                          "notificationRules": { "high": [{ "channel": "sms" }, { "channel": "email" }] } }],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "carol" }], "escalateAfter": "PT5M" }] } }],
              "integrations": [{ "id": "mon", "token": "{{token}}", "name": "Monitor", "urgency": "high", "team": "ops" }]
            }
            """;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/accounts/{account}/config")
        {
            Content = new StringContent(document, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The apply, escalation start, SMS page and SMS provider call of one trace, once all have ended.</summary>
    private static (Activity Apply, Activity Escalate, Activity Page, Activity Sms)? Chain(List<Activity> trace)
    {
        var apply = trace.Where(s => s.OperationName == KlaxonTelemetry.Apply).ToList();
        var escalate = trace.Where(s => s.OperationName == KlaxonTelemetry.Escalate && Tag(s, KlaxonTelemetry.StepAttribute) == "start").ToList();
        var page = trace.Where(s => s.OperationName == KlaxonTelemetry.Page && Tag(s, KlaxonTelemetry.ChannelAttribute) == "sms").ToList();
        var sms = trace.Where(s => s.OperationName == KlaxonTelemetry.Provider("sms")).ToList();
        return apply.Count == 1 && escalate.Count == 1 && page.Count == 1 && sms.Count == 1 ? (apply[0], escalate[0], page[0], sms[0]) : null;
    }

    private static string? Tag(Activity span, string key) => Convert.ToString(span.GetTagItem(key), CultureInfo.InvariantCulture);

    /// <summary>The exporter adds from other threads (and every DevHost in this process shares the source).</summary>
    private static List<Activity> Snapshot(SpanLog spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task<Activity> WaitForAsync(SpanLog spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (spans.Snapshot().FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        var seen = string.Join(", ", spans.Snapshot().Select(s => s.OperationName).Distinct());
        throw new Xunit.Sdk.XunitException($"No such span within 60 s; seen: {seen}");
    }
}
