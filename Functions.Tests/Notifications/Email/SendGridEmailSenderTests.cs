using System.Net;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Email;
using Microsoft.Extensions.DependencyInjection;
using SendGrid.Helpers.Mail;
using SendGrid;

namespace Klaxon.Tests.Notifications.Email;

/// <summary>The real SendGrid library against Prism serving SendGrid's official mail send description.</summary>
public class SendGridEmailSenderTests(SendGridPrismFixture fixture) : IClassFixture<SendGridPrismFixture>
{
    private static readonly OutgoingPage Page = new("job-7", "acct1", "alice", "Alice", NotificationChannel.Email, "alice@example.com",
        [new PagedIncident("acct1", 42, "Database <down>", Urgency.High)]);

    private static IChannelSender Sender(ServiceProvider services) =>
        services.GetServices<IChannelSender>().Single(s => s.Channel == NotificationChannel.Email);

    [Fact]
    public async Task A_page_is_accepted_and_valid_against_the_official_schema()
    {
        using var services = fixture.Services(new FaultPlan());
        var sender = Sender(services);
        var (passed, violations) = (fixture.Prism.Passed, fixture.Prism.Violations.Count);

        Assert.True(sender.IsConfigured);
        var result = await sender.SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal("sendgrid", result.ProviderId); // Prism's example has no X-Message-Id
        await fixture.WaitForValidationAsync(passed, violations);
        Assert.Empty(fixture.Prism.Violations.Skip(violations));
        Assert.Equal(passed + 1, fixture.Prism.Passed);
    }

    [Fact]
    public async Task The_schema_check_catches_a_message_without_a_top_level_subject()
    {
        using var services = fixture.Services(new FaultPlan());
        var client = new SendGridClient(services.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridEmailSender.HttpClientName),
            new SendGridClientOptions { ApiKey = SendGridPrismFixture.ApiKey, Host = fixture.Prism.BaseUrl });
        var (passed, violations) = (fixture.Prism.Passed, fixture.Prism.Violations.Count);

        // The library's own helper puts the subject only in the personalization, which the description does not allow.
        var message = MailHelper.CreateSingleEmail(new EmailAddress("klaxon@example.test"), new EmailAddress("alice@example.com"), "subject", "text", null);
        var response = await client.SendEmailAsync(message);

        await fixture.WaitForValidationAsync(passed, violations);
        Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(fixture.Prism.Violations.Skip(violations), v => v.Contains("subject", StringComparison.Ordinal));
    }

    [Fact]
    public void The_message_carries_subject_both_parts_and_the_custom_args()
    {
        var message = SendGridEmailSender.CreateMessage(Page, "klaxon@example.test", new EmailContent("s", "t", "<p>h</p>"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(message.Serialize())!;

        Assert.Equal("s", (string?)json["subject"]);
        Assert.Equal("Klaxon", (string?)json["from"]!["name"]);
        Assert.Equal("alice@example.com", (string?)json["personalizations"]![0]!["to"]![0]!["email"]);
        Assert.Equal(["text/plain", "text/html"], json["content"]!.AsArray().Select(c => (string?)c!["type"]));
        var args = json["personalizations"]![0]!["custom_args"]!;
        Assert.Equal("acct1", (string?)args["klaxon_account"]);
        Assert.Equal("42", (string?)args["klaxon_incident"]);
        Assert.Equal("job-7", (string?)args["klaxon_job"]);
    }

    [Fact]
    public async Task A_503_is_retried_and_the_page_is_accepted_by_one_request_to_SendGrid()
    {
        var faults = new FaultPlan().Then(HttpStatusCode.ServiceUnavailable);
        using var services = fixture.Services(faults);
        var (passed, violations) = (fixture.Prism.Passed, fixture.Prism.Violations.Count);

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Accepted, result.Outcome);
        Assert.Equal(2, faults.Seen);
        Assert.Equal(1, faults.Forwarded);
        await fixture.WaitForValidationAsync(passed, violations);
        Assert.Empty(fixture.Prism.Violations.Skip(violations));
        Assert.Equal(passed + 1, fixture.Prism.Passed);
    }

    [Fact]
    public async Task A_persistent_500_is_transient_after_the_retries()
    {
        var faults = new FaultPlan { Always = () => FaultPlan.Response(HttpStatusCode.InternalServerError, """{"errors":[{"message":"internal"}]}""") };
        using var services = fixture.Services(faults);

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal("SendGrid 500: internal", result.Detail);
        Assert.Equal(4, faults.Seen); // first try and DeliveryOptions' default 3 retries
        Assert.Equal(0, faults.Forwarded);
    }

    [Fact]
    public async Task A_429_is_transient()
    {
        var faults = new FaultPlan { Always = () => FaultPlan.Response(HttpStatusCode.TooManyRequests) };
        using var services = fixture.Services(faults);

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal("SendGrid 429", result.Detail);
    }

    [Fact]
    public async Task An_invalid_address_is_permanent_after_one_try_with_SendGrids_message()
    {
        var faults = new FaultPlan().Then(HttpStatusCode.BadRequest,
            """{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}""");
        using var services = fixture.Services(faults);

        var result = await Sender(services).SendAsync(Page with { Address = "not-an-address" }, CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Equal("SendGrid 400: Does not contain a valid address. (personalizations.0.to.0.email)", result.Detail);
        Assert.Equal(1, faults.Seen);
        Assert.Equal(0, faults.Forwarded);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_refused_key_is_permanent_and_the_key_never_appears_in_the_detail(HttpStatusCode status)
    {
        var faults = new FaultPlan().Then(status,
            $$"""{"errors":[{"message":"The provided authorization grant is invalid: {{SendGridPrismFixture.ApiKey}}","field":null}]}""");
        using var services = fixture.Services(faults);

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.StartsWith($"SendGrid {(int)status}: The provided authorization grant is invalid", result.Detail);
        Assert.DoesNotContain(SendGridPrismFixture.ApiKey, result.Detail);
        Assert.Equal(1, faults.Seen);
    }

    [Fact]
    public async Task A_network_error_is_transient()
    {
        var faults = new FaultPlan { Always = () => throw new HttpRequestException("connection refused") };
        using var services = fixture.Services(faults);

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal("SendGrid unreachable (HttpRequestException)", result.Detail);
        Assert.Equal(4, faults.Seen);
    }

    [Fact]
    public async Task A_timeout_is_transient()
    {
        var faults = new FaultPlan { Delay = TimeSpan.FromSeconds(30) };
        using var services = fixture.Services(faults, new Dictionary<string, string?>
        {
            ["Notifications:Delivery:AttemptTimeout"] = "00:00:00.100",
            ["Notifications:Delivery:RetryAttempts"] = "1",
        });

        var result = await Sender(services).SendAsync(Page, CancellationToken.None);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal("SendGrid unreachable (TimeoutRejectedException)", result.Detail);
        Assert.Equal(0, faults.Seen); // both attempts were cut off while hanging
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_send_result()
    {
        using var services = fixture.Services(new FaultPlan());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(services).SendAsync(Page, cancelled.Token));
    }
}
