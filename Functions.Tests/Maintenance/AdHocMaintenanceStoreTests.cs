using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Maintenance;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Maintenance;

/// <summary>
/// The ad hoc windows escalation reads at every start and due item: kept for the cache lifetime (10 s by default), at
/// once up to date after a change through the same store, and within the lifetime after one through another instance.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class AdHocMaintenanceStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_within_the_lifetime_cost_no_request_and_changes_through_this_store_apply_at_once()
    {
        var clock = new FakeTimeProvider(T0);
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new AdHocMaintenanceStore(new TableServiceClient(azurite.ConnectionString, options), clock);
        var account = NewAccount();

        Assert.Empty(await store.NotEndedAsync(account, T0, CancellationToken.None));
        var before = counter.Count;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(await store.NotEndedAsync(account, clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(before, counter.Count);

        await store.AddAsync(account, Window("w1", T0, T0.AddMinutes(30)), CancellationToken.None);
        Assert.Equal("w1", Assert.Single(await store.NotEndedAsync(account, clock.GetUtcNow(), CancellationToken.None)).Id);

        await store.EndAsync(account, "w1", clock.GetUtcNow(), CancellationToken.None);
        Assert.Empty(await store.NotEndedAsync(account, clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task A_window_another_instance_starts_applies_once_the_lifetime_has_passed_and_one_that_ends_drops_out_on_time()
    {
        var clock = new FakeTimeProvider(T0);
        var here = new AdHocMaintenanceStore(azurite.Tables, clock);
        var elsewhere = new AdHocMaintenanceStore(azurite.Tables, clock);
        var account = NewAccount();
        Assert.Empty(await here.NotEndedAsync(account, T0, CancellationToken.None));

        await elsewhere.AddAsync(account, Window("short", T0, T0.AddSeconds(30)), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(await here.NotEndedAsync(account, clock.GetUtcNow(), CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await here.NotEndedAsync(account, clock.GetUtcNow(), CancellationToken.None));

        // Kept in memory, but judged against the instant asked about.
        Assert.Empty(await here.NotEndedAsync(account, T0.AddSeconds(30), CancellationToken.None));
    }

    private static AdHocMaintenance Window(string id, DateTimeOffset start, DateTimeOffset end) =>
        new(id, MaintenanceScope.Team, "ops", start, end, "test", "alice");

    private static string NewAccount() => "mx" + Guid.NewGuid().ToString("N")[..12];
}
