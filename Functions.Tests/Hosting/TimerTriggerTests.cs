using Klaxon.DevHost;
using Klaxon.Escalation;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// DevHost drives the escalation timer the way the Functions host does. The ticks are checked on a fake clock, so the
/// test neither waits for real seconds nor depends on how busy the machine is.
/// </summary>
[Collection(DevHostCollection.Name)]
public class TimerTriggerTests(DevHostFixture devHost)
{
    /// <summary>What the DevHost fixture puts in <c>EscalationSchedule</c>.</summary>
    private const string EverySecond = "*/1 * * * * *";

    [Fact]
    public void DevHost_runs_the_timer_on_the_EscalationSchedule_setting()
    {
        var timer = Assert.Single(devHost.Host.Services.GetServices<IHostedService>().OfType<TimerTriggerListener>());

        Assert.Equal("Escalate", timer.Function.Name);
        Assert.Equal(EverySecond, timer.Schedule);
    }

    [Fact]
    public async Task The_timer_ticks_once_per_occurrence_of_its_schedule()
    {
        await using var rig = await TimerRig.StartAsync(EverySecond);

        for (var tick = 1; tick <= 3; tick++)
        {
            await rig.AdvanceAndWaitAsync(TimeSpan.FromSeconds(1), expectedTicks: tick);
        }

        Assert.Equal([rig.Start.AddSeconds(1), rig.Start.AddSeconds(2), rig.Start.AddSeconds(3)], rig.Ticks.Select(t => t.At));
        Assert.All(rig.Ticks, t => Assert.False(t.IsPastDue));
    }

    [Fact]
    public async Task A_tick_that_starts_more_than_a_second_late_is_past_due_and_the_missed_ones_are_not_replayed()
    {
        await using var rig = await TimerRig.StartAsync(EverySecond);

        await rig.AdvanceAndWaitAsync(TimeSpan.FromSeconds(5), expectedTicks: 1);
        await rig.AdvanceAndWaitAsync(TimeSpan.FromSeconds(1), expectedTicks: 2);

        Assert.True(rig.Ticks[0].IsPastDue);
        Assert.False(rig.Ticks[1].IsPastDue);
        Assert.Equal(rig.Start.AddSeconds(6), rig.Ticks[1].At);
    }

    /// <summary>The real listener and the real timer function, with a sweeper that notes each tick on the fake clock.</summary>
    private sealed class TimerRig : IAsyncDisposable, IEscalationSweeper
    {
        private readonly ArmedClock _clock;
        private readonly TimerTriggerListener _listener;
        private readonly List<(DateTimeOffset At, bool IsPastDue)> _ticks = [];

        private TimerRig(string schedule)
        {
            _clock = new ArmedClock(Start);
            var services = new ServiceCollection().AddSingleton<IEscalationSweeper>(this).BuildServiceProvider();
            var function = Assert.Single(FunctionCatalog.From(typeof(EscalationTimerFunction).Assembly).Timers).Function;
            _listener = new TimerTriggerListener(function, schedule, services, _clock, NullLogger<TimerTriggerListener>.Instance);
        }

        /// <summary>A whole second, so a once-a-second schedule's occurrences fall on whole seconds after it.</summary>
        public DateTimeOffset Start { get; } = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public IReadOnlyList<(DateTimeOffset At, bool IsPastDue)> Ticks
        {
            get
            {
                lock (_ticks)
                {
                    return [.. _ticks];
                }
            }
        }

        public static async Task<TimerRig> StartAsync(string schedule)
        {
            var rig = new TimerRig(schedule);
            await rig._listener.StartAsync(CancellationToken.None);
            return rig;
        }

        /// <summary>
        /// Moves the fake clock and waits (on real time, only for the listener's continuation to run) until it has
        /// ticked <paramref name="expectedTicks"/> times in all.
        /// </summary>
        public async Task AdvanceAndWaitAsync(TimeSpan by, int expectedTicks)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // The listener runs on its own thread: move the clock only once it waits for its next occurrence.
            await _clock.Armed.WaitAsync(patience.Token);
            _clock.Advance(by);
            while (Ticks.Count < expectedTicks)
            {
                await Task.Delay(10, patience.Token);
            }
            Assert.Equal(expectedTicks, Ticks.Count);
        }

        public Task SweepAsync(bool isPastDue, CancellationToken cancellationToken)
        {
            lock (_ticks)
            {
                _ticks.Add((_clock.GetUtcNow(), isPastDue));
            }
            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await _listener.StopAsync(CancellationToken.None);
            _listener.Dispose();
        }
    }

    /// <summary>A fake clock that says when someone starts waiting on it (each <c>Task.Delay</c> creates a timer).</summary>
    private sealed class ArmedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public SemaphoreSlim Armed { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Armed.Release();
            return timer;
        }
    }
}
