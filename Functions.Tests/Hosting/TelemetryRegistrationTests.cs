using Azure.Identity;
using Klaxon.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Klaxon.Tests.Hosting;

/// <summary>Tracing is always on for Klaxon's source; Application Insights gets it only with a connection string.</summary>
public class TelemetryRegistrationTests
{
    [Theory]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData(" authorization = aad ")]
    public void Entra_authentication_sends_with_the_managed_identity(string setting) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.Credential(setting));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Authorization=Key")]
    public void Without_entra_authentication_the_connection_string_is_enough(string? setting) =>
        Assert.Null(TelemetryRegistration.Credential(setting));

    [Theory]
    [InlineData(null)]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.test/")]
    public void The_tracer_provider_starts_with_or_without_application_insights(string? connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryRegistration.ConnectionStringSetting] = connectionString })
            .Build();
        using var services = new ServiceCollection().AddKlaxonTelemetry(configuration).BuildServiceProvider();

        Assert.NotNull(services.GetService<TracerProvider>());
    }
}
