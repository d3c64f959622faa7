using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Hosting;

[Collection(DevHostCollection.Name)]
public class TimerTriggerTests(DevHostFixture devHost)
{
    [Fact]
    public async Task DevHost_runs_the_timer_on_the_EscalationSchedule_setting()
    {
        var start = devHost.Sweeps.Ticks.Count;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (devHost.Sweeps.Ticks.Count < start + 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var ticks = devHost.Sweeps.Ticks.Skip(start).Take(3).ToList();
        Assert.Equal(3, ticks.Count);
        // Roughly a second apart (one tick per second; generous bounds because CI machines stall).
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.InRange((pair.Second.At - pair.First.At).TotalSeconds, 0.2, 3));
    }
}
