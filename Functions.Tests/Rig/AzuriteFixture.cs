using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.DevHost;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;

namespace Klaxon.Tests.Rig;

/// <summary>One Azurite (the repo's pinned npm package, in memory, free ports) for tests that use storage directly.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageClientFactory.SettingName, _azurite.ConnectionString)])
            .Build();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new AzureTableLimits(), Azure.Core.HttpPipelinePosition.PerCall);
        Tables = StorageClientFactory.CreateTableServiceClient(Configuration, tableOptions);
        Queues = StorageClientFactory.CreateQueueServiceClient(Configuration);
        await new StorageInitializer(Tables, Queues, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageInitializer>.Instance)
            .EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
