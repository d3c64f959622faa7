using Klaxon.DevHost;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// Test fixtures start Azurite and Prism at the same time; on a fresh clone both found no <c>node_modules</c> and ran
/// <c>npm ci</c> together, which failed 56 tests. The install now runs once, one caller at a time.
/// </summary>
public class InstallOnceTests
{
    [Fact]
    public async Task Concurrent_callers_install_once_and_never_at_the_same_time()
    {
        var key = "install-once-test-" + Guid.NewGuid();
        var done = false;
        var running = 0;
        var mostAtOnce = 0;
        var installs = 0;
        async Task Install(CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Interlocked.Increment(ref installs);
            await Task.Delay(50, cancellationToken);
            Volatile.Write(ref done, true);
            Interlocked.Decrement(ref running);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => InstallOnce.EnsureAsync(key, () => Volatile.Read(ref done), Install, CancellationToken.None))));

        Assert.Equal(1, installs);
        Assert.Equal(1, mostAtOnce);
    }

    [Fact]
    public async Task Nothing_runs_when_it_is_already_done()
    {
        var installs = 0;

        await InstallOnce.EnsureAsync("install-once-done-" + Guid.NewGuid(), () => true, _ => { installs++; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(0, installs);
    }

    [Fact]
    public async Task A_failed_install_is_tried_again_by_the_next_caller()
    {
        var key = "install-once-retry-" + Guid.NewGuid();
        var done = false;
        var tries = 0;
        Task Install(CancellationToken cancellationToken)
        {
            if (++tries == 1)
            {
                throw new InvalidOperationException("npm ci failed");
            }
            done = true;
            return Task.CompletedTask;
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => InstallOnce.EnsureAsync(key, () => done, Install, CancellationToken.None));
        await InstallOnce.EnsureAsync(key, () => done, Install, CancellationToken.None);

        Assert.Equal(2, tries);
        Assert.True(done);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
