using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Hosting;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// Tokens in URLs (webhook and heartbeat paths, <c>?t=</c>, <c>?s=</c>, <c>?code=</c>, the user and page of a Twilio
/// gather URL) never reach a log line: one helper masks them wherever Klaxon prints text, and the worker does not log
/// request or outbound URLs below Warning.
/// </summary>
public class SecretRedactionTests
{
    private const string Token = "b965aee139a711e7b537ff479bbed3d0";

    [Theory]
    [InlineData("POST http://127.0.0.1:7071/integration/15/b965aee0/" + Token, "POST http://127.0.0.1:7071/integration/15/b965aee0/***")]
    [InlineData("/integration/15/b965aee0/" + Token + "?x=1", "/integration/15/b965aee0/***?x=1")]
    [InlineData("GET /heartbeat/15/nightly-backup/" + Token + " 404", "GET /heartbeat/15/nightly-backup/*** 404")]
    [InlineData("https://klaxon.example/actions?t=" + Token, "https://klaxon.example/actions?t=***")]
    [InlineData("/app/calendar/15/primary.ics?u=alice&s=" + Token, "/app/calendar/15/primary.ics?u=***&s=***")]
    [InlineData("/api/accounts/15/config?code=" + Token + "&x=1", "/api/accounts/15/config?code=***&x=1")]
    [InlineData("https://k/twilio/voice/gather?a=15&amp;n=42&amp;u=alice&amp;j=job-" + Token, "https://k/twilio/voice/gather?a=15&amp;n=42&amp;u=***&amp;j=***")]
    [InlineData("'/integration/15/b965aee0/" + Token + "'", "'/integration/15/b965aee0/***'")]
    public void Tokens_in_urls_are_masked_and_everything_else_is_kept(string text, string expected)
    {
        Assert.Equal(expected, SecretRedaction.Redact(text));
    }

    [Theory]
    [InlineData("Accepted create for Id 'disk-full-db1' from Webhook")]
    [InlineData("/integration/15/b965aee0")]
    [InlineData("?status=open&limit=50&continuation=abc")]
    [InlineData("#42 escalation: Paged alice by sms (layer 1)")]
    public void Text_without_a_token_is_unchanged(string text)
    {
        Assert.Equal(text, SecretRedaction.Redact(text));
    }

    [Fact]
    public void The_devhost_console_masks_tokens_in_messages_scopes_and_exceptions()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var pushed = scopes.Push(new LogScope(("request_id", "r1"), ("url", "/heartbeat/15/hb/" + Token)));
        using var writer = new StringWriter();

        new KlaxonConsoleFormatter().Write(
            new LogEntry<string>(LogLevel.Warning, "Klaxon.Test", new EventId(1), "Refused POST /integration/15/b965aee0/" + Token,
                new HttpRequestException("GET https://klaxon.example/actions?t=" + Token + " failed"), (state, _) => state),
            scopes, writer);

        var output = writer.ToString();
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.Contains("/integration/15/b965aee0/***", output, StringComparison.Ordinal);
        Assert.Contains("/heartbeat/15/hb/***", output, StringComparison.Ordinal);
        Assert.Contains("?t=***", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_does_not_log_request_urls_and_logs_outbound_ones_from_warning_only()
    {
        var capture = new CapturingLoggerProvider();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(capture))
            .AddUrlLoggingFilters()
            .BuildServiceProvider();
        var loggers = services.GetRequiredService<ILoggerFactory>();

        // The lines ASP.NET Core and HttpClientFactory write for every request, with the URL in them.
        loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("Request starting HTTP/1.1 POST http://h/integration/15/i/{Token}", Token);
        loggers.CreateLogger("System.Net.Http.HttpClient.push.LogicalHandler").LogInformation("Start processing HTTP request POST https://fcm.googleapis.com/fcm/send/{Token}", Token);
        loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogCritical("Request starting with {Token}", Token);
        loggers.CreateLogger("System.Net.Http.HttpClient.push.LogicalHandler").LogWarning("still logged");
        loggers.CreateLogger("Klaxon.Ingestion.WebhookIntake").LogInformation("Klaxon's own lines are kept");

        Assert.Equal(["still logged", "Klaxon's own lines are kept"], capture.Entries.Select(e => e.Message));
        // Off at every level, so ASP.NET Core opens no request scope (with RequestPath) around the request's entries.
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
    }
}

/// <summary>What DevHost logs while callers use token-bearing URLs, wrong and right: none of the tokens.</summary>
[Collection(DevHostCollection.Name)]
public class TokensStayOutOfLogsTests(DevHostFixture devHost)
{
    [Fact]
    public async Task No_token_from_a_url_reaches_any_log_entry()
    {
        var webhook = await devHost.CreateAccountAsync();
        var heartbeat = await devHost.CreateAccountAsync(type: "heartbeat");
        var secrets = new[] { webhook.Token, heartbeat.Token, "wrongtoken" + Guid.NewGuid().ToString("N"), DevHostFixture.AdminKey };
        var body = """{"event_type":"create","Id":"log-1","Title":"Disk full"}""";

        foreach (var path in new[]
        {
            webhook.WebhookPath,
            $"integration/{webhook.Id}/{webhook.IntegrationId}/{secrets[2]}",
            $"integration/{webhook.Id}/{webhook.IntegrationId}/{webhook.Token}?code={secrets[3]}",
            $"actions?t={secrets[2]}",
            $"app/calendar/{webhook.Id}/primary.ics?u=alice&s={secrets[2]}",
            $"api/accounts/{webhook.Id}/incidents?code={secrets[3]}&continuation=%ZZ",
            $"twilio/voice/gather?a={webhook.Id}&n=1&u={secrets[2]}&j={secrets[2]}",
        })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await devHost.Http.PostAsync(path, content);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        }
        foreach (var path in new[] { $"heartbeat/{heartbeat.Id}/{heartbeat.IntegrationId}/{heartbeat.Token}", $"actions?t={secrets[2]}", $"api/accounts/{webhook.Id}/config?code={secrets[3]}" })
        {
            using var response = await devHost.Http.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        await devHost.WaitForIncidentAsync(webhook.Id, 1, _ => true);

        var logged = devHost.Logs.AllText();
        Assert.Contains("log-1", logged, StringComparison.Ordinal); // the webhook was logged, just not its token
        var leaks = devHost.Logs.Entries.Where(e => secrets.Any(secret => $"{e.Message} {e.Scopes} {e.Exception}".Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Logged with a token: " + string.Join("\n", leaks.Take(5).Select(e => $"{e.Category}: {e.Message} [{e.Scopes}]")));
    }
}
