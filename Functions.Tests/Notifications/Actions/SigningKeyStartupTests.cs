using Klaxon.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klaxon.Tests.Notifications.Actions;

/// <summary>
/// Action links are HMAC-signed with the configured key; a short key (the length was not checked) could be guessed
/// offline, and then anyone could forge acknowledge and resolve links. The app now refuses to start with one.
/// </summary>
public class SigningKeyStartupTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31 bytes
    public async Task The_app_does_not_start_with_a_signing_key_under_32_bytes(string key)
    {
        using var host = Build(key);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Notifications:EmailLinks:SigningKey must be at least 32 bytes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://vault.example/secrets/email-links-signing-key)")]
    public void No_key_a_32_byte_key_or_an_unresolved_reference_passes(string? key)
    {
        using var host = Build(key);

        var options = host.Services.GetService(typeof(IOptions<Klaxon.Notifications.NotificationsOptions>)) as IOptions<Klaxon.Notifications.NotificationsOptions>;

        Assert.NotNull(options!.Value);
    }

    /// <summary>The app's own registrations; nothing is started but the options' start-up validation.</summary>
    private static IHost Build(string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Notifications:EmailLinks:SigningKey"] = key,
        }).Build();
        return new HostBuilder().ConfigureServices(services => services.AddKlaxon(configuration)).Build();
    }
}
