using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Klaxon.Storage;

/// <summary>
/// Builds the Table and Queue service clients from the same <c>AzureWebJobsStorage</c> setting the Functions host uses,
/// so the app and its triggers always talk to one storage account.
/// Either a connection string (<c>AzureWebJobsStorage</c>), or identity-based settings
/// (<c>AzureWebJobsStorage__queueServiceUri</c>, <c>AzureWebJobsStorage__tableServiceUri</c>,
/// optional <c>AzureWebJobsStorage__credential</c> = <c>managedidentity</c> and <c>AzureWebJobsStorage__clientId</c>).
/// </summary>
public static class StorageClientFactory
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <param name="options">Client options to start from (benchmarks add a request-counting policy); encoding is always set.</param>
    public static QueueServiceClient CreateQueueServiceClient(IConfiguration configuration, QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        // The Functions host's default queues.messageEncoding is base64; host.json keeps that default, so every
        // message Klaxon writes must be base64 too or the trigger cannot decode it.
        options.MessageEncoding = QueueMessageEncoding.Base64;
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new QueueServiceClient(connectionString, options);
        }
        return new QueueServiceClient(ServiceUri(configuration, "queueServiceUri"), Credential(configuration), options);
    }

    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, TableClientOptions? options = null)
    {
        options ??= new TableClientOptions();
        // Per call, so a retry resends the same buffer instead of serializing the batch again.
        options.AddPolicy(new BufferedBatchContent(), HttpPipelinePosition.PerCall);
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new TableServiceClient(connectionString, options);
        }
        return new TableServiceClient(ServiceUri(configuration, "tableServiceUri"), Credential(configuration), options);
    }

    private static Uri ServiceUri(IConfiguration configuration, string key)
    {
        var value = configuration[$"{SettingName}:{key}"];
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string, or {SettingName}__{key} to the service URI.");
        }
        return uri;
    }

    private static TokenCredential Credential(IConfiguration configuration)
    {
        var clientId = configuration[$"{SettingName}:clientId"];
        var kind = configuration[$"{SettingName}:credential"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        return new DefaultAzureCredential();
    }
}
