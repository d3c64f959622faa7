using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Klaxon.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Klaxon.Hosting;

/// <summary>
/// Traces: Klaxon's spans (<see cref="KlaxonTelemetry"/>) and the Functions worker's invocation spans, exported to
/// Application Insights only when <see cref="ConnectionStringSetting"/> is set (default: unset, nothing is exported).
/// DevHost and the tests get the same tracer provider and add their own exporters to it.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The Application Insights connection string; the Bicep deployment sets it on the function app.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// <c>Authorization=AAD</c> (with <c>ClientId=</c> for a user-assigned identity): send with the managed identity, as the
    /// host does. The deployment's component accepts nothing else (local authentication is disabled).
    /// </summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddKlaxonTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(KlaxonTelemetry.SourceName));
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            var credential = Credential(configuration[AuthenticationSetting]);
            telemetry.WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            }));
        }
        return services;
    }

    /// <summary>The managed identity <paramref name="authentication"/> names, or null for the connection string's own key.</summary>
    public static TokenCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var mode) || !string.Equals(mode, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
