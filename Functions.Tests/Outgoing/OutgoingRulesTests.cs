using Klaxon.Accounts;
using Klaxon.Outgoing;
using Microsoft.Extensions.Options;

namespace Klaxon.Tests.Outgoing;

/// <summary>The retry rules and the URL rules (as in Azure, and as under DevHost), without storage or network.</summary>
public class OutgoingRulesTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(200, AttemptResult.Delivered)]
    [InlineData(204, AttemptResult.Delivered)]
    [InlineData(500, AttemptResult.Transient)]
    [InlineData(503, AttemptResult.Transient)]
    [InlineData(429, AttemptResult.Transient)]
    [InlineData(408, AttemptResult.Transient)]
    [InlineData(301, AttemptResult.Permanent)]
    [InlineData(400, AttemptResult.Permanent)]
    [InlineData(404, AttemptResult.Permanent)]
    public void Statuses_are_classified(int status, AttemptResult expected) => Assert.Equal(expected, DeliveryRetry.Classify(status));

    [Fact]
    public void Backoff_doubles_per_attempt_up_to_the_cap_and_stops_after_the_last_attempt()
    {
        Assert.Equal([30, 60, 120, 240, 480, 900, 900], Enumerable.Range(1, 7).Select(a => DeliveryRetry.NextDelay(a, 8, Base, Max, null, 0.5)!.Value.TotalSeconds));
        Assert.Null(DeliveryRetry.NextDelay(8, 8, Base, Max, null, 0.5));
        Assert.Equal(22.5, DeliveryRetry.NextDelay(1, 8, Base, Max, null, 0)!.Value.TotalSeconds);
        Assert.Equal(37.5, DeliveryRetry.NextDelay(1, 8, Base, Max, null, 1)!.Value.TotalSeconds);
    }

    [Fact]
    public void Retry_After_is_honoured_when_longer_up_to_four_times_the_cap()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryRetry.NextDelay(1, 8, Base, Max, TimeSpan.FromMinutes(5), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30), DeliveryRetry.NextDelay(1, 8, Base, Max, TimeSpan.FromSeconds(1), 0.5));
        Assert.Equal(TimeSpan.FromHours(1), DeliveryRetry.NextDelay(1, 8, Base, Max, TimeSpan.FromDays(1), 0.5));
        Assert.Null(DeliveryRetry.NextDelay(3, 3, Base, Max, TimeSpan.FromSeconds(1), 0.5));
    }

    private static OutgoingUrlPolicy Policy(bool allowLoopback) => new(Options.Create(new OutgoingOptions { AllowLoopback = allowLoopback }));

    [Theory]
    [InlineData("http://hooks.example.com/x", OutgoingUrlPolicy.HttpsRule)]
    [InlineData("http://127.0.0.1:8080/hook", OutgoingUrlPolicy.HttpsRule)]
    [InlineData("https://127.0.0.1/hook", "must not point at a loopback")]
    [InlineData("https://localhost/hook", "must not point at a loopback")]
    [InlineData("https://[::1]/hook", "must not point at a loopback")]
    [InlineData("https://10.0.0.5/hook", "private or link-local")]
    [InlineData("https://192.168.1.10/hook", "private or link-local")]
    [InlineData("https://172.16.0.1/hook", "private or link-local")]
    [InlineData("https://169.254.169.254/metadata", "private or link-local")]
    [InlineData("https://[fe80::1]/hook", "private or link-local")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "private or link-local")]
    public async Task In_Azure_only_https_to_public_addresses_is_allowed(string url, string rule)
    {
        var problem = await Policy(allowLoopback: false).CheckAsync(url, resolve: true, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://203.0.113.1/hook", false)] // public literal (no DNS needed)
    [InlineData("https://[2001:db8::1]/hook", false)]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("http://localhost:8080/hook", true)]
    public async Task Allowed_urls_pass(string url, bool allowLoopback)
    {
        Assert.Null(await Policy(allowLoopback).CheckAsync(url, resolve: true, CancellationToken.None));
    }

    [Fact]
    public async Task Under_DevHost_private_and_link_local_addresses_are_still_refused()
    {
        Assert.NotNull(await Policy(allowLoopback: true).CheckAsync("https://169.254.169.254/", resolve: true, CancellationToken.None));
        Assert.NotNull(await Policy(allowLoopback: true).CheckAsync("http://10.0.0.5/", resolve: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_document_is_checked_at_the_json_path_of_each_url()
    {
        var config = new AccountConfig("15", "Acme", [], [], [
            new TeamConfig("ops", "Ops", new EscalationPolicyConfig([], 0)) { Chat = [new ChatTargetConfig(ChatKind.Slack, "https://hooks.slack.com/services/T/B/x"), new ChatTargetConfig(ChatKind.Teams, "http://10.1.2.3/flow")] },
        ], [])
        {
            OutgoingWebhooks = [new OutgoingWebhookConfig("a", "https://203.0.113.9/", [], true, null), new OutgoingWebhookConfig("b", "https://169.254.169.254/", [], true, null)],
        };

        var errors = await Policy(allowLoopback: false).CheckAsync(config, CancellationToken.None);

        Assert.Equal(["$.outgoingWebhooks[1].url", "$.teams[0].chat[1].url"], errors.Select(e => e.Field));
    }
}
