using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Accounts;

/// <summary>The webhook path's view of account configuration: an in-memory snapshot, refreshed in the background.</summary>
[Collection(AzuriteCollection.Name)]
public class AccountStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Known_and_unknown_accounts_are_both_answered_from_memory()
    {
        var counter = new RequestCounter();
        var store = NewStore(new FakeTimeProvider(DateTimeOffset.UtcNow), counter);
        var account = await SaveAsync(NewStore(TimeProvider.System));
        await store.GetCachedAsync("warm-up", CancellationToken.None);
        var before = counter.Count;

        Assert.NotNull(await store.GetCachedAsync(account, CancellationToken.None));
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await store.GetCachedAsync("probe" + Guid.NewGuid().ToString("N"), CancellationToken.None));
        }

        Assert.Equal(before, counter.Count);
    }

    [Fact]
    public async Task A_save_applies_at_once_on_the_saving_instance_and_after_the_refresh_interval_elsewhere()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var saver = NewStore(clock);
        var other = NewStore(clock);
        await saver.GetCachedAsync("warm-up", CancellationToken.None);
        await other.GetCachedAsync("warm-up", CancellationToken.None);

        var account = await SaveAsync(saver);

        Assert.NotNull(await saver.GetCachedAsync(account, CancellationToken.None));
        Assert.Null(await other.GetCachedAsync(account, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(10));
        // The first lookup after the interval starts a background refresh and answers from the old snapshot.
        await other.GetCachedAsync(account, CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await other.GetCachedAsync(account, CancellationToken.None) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.NotNull(await other.GetCachedAsync(account, CancellationToken.None));
    }

    private AccountStore NewStore(TimeProvider time, RequestCounter? counter = null)
    {
        var options = new TableClientOptions();
        if (counter is not null)
        {
            options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        }
        var tables = StorageClientFactory.CreateTableServiceClient(azurite.Configuration, options);
        return new AccountStore(tables, time, Options.Create(new KlaxonOptions()), NullLogger<AccountStore>.Instance);
    }

    private static async Task<string> SaveAsync(AccountStore store)
    {
        var id = "as" + Guid.NewGuid().ToString("N")[..12];
        var parsed = AccountConfigParser.Parse($$"""{ "id": "{{id}}", "name": "Store test" }""", id);
        Assert.True(parsed.IsValid);
        await store.SaveAsync(parsed.Config, CancellationToken.None);
        return id;
    }
}
