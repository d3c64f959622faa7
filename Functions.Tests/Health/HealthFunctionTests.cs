using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Hosting;
using Klaxon.Notifications.Delivery;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Health;

[Collection(DevHostCollection.Name)]
public class HealthFunctionTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Health_is_anonymous_and_ok_when_storage_answers()
    {
        using var response = await devHost.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("ok", (string?)body["status"]);
        Assert.Equal(["sms", "voice", "email", "push"], body["channels"]!.AsObject().Select(channel => channel.Key));
    }

    /// <summary>
    /// A Key Vault reference that did not resolve used to turn its channel into the outbox with nothing to show for it;
    /// health now says which channel pages into the outbox and which setting did not resolve, never a value.
    /// </summary>
    [Fact]
    public void Health_names_a_channel_whose_secret_reference_did_not_resolve()
    {
        const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio-auth-token)";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Notifications:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Notifications:Twilio:AuthToken"] = Reference,
            ["Notifications:Twilio:FromNumber"] = "+15551230000",
            ["Notifications:SendGrid:ApiKey"] = "SG.not-a-real-key",
            ["Notifications:SendGrid:FromAddress"] = "klaxon@example.test",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddKlaxon(configuration).BuildServiceProvider();

        var channels = services.GetRequiredService<ChannelStatus>().Describe();

        Assert.Equal("outbox: Key Vault reference not resolved (Notifications:Twilio:AuthToken)", channels["sms"]);
        Assert.Equal("outbox: Key Vault reference not resolved (Notifications:Twilio:AuthToken)", channels["voice"]);
        Assert.Equal("sendgrid", channels["email"]);
        Assert.Equal("outbox", channels["push"]);
        Assert.DoesNotContain(channels.Values, value => value.Contains("kv.vault", StringComparison.Ordinal));
    }
}
