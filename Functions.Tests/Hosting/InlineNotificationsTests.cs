using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Klaxon.Tests.Hosting;

/// <summary>The inline hand-on: the same dispatcher as the queue's trigger, and "queue it" whenever that fails or is off.</summary>
public class InlineNotificationsTests
{
    private static readonly PageJob Page = new("page|1", DateTimeOffset.UnixEpoch, "acct", 1, "req", "ops", "alice", NotificationChannel.Sms);

    [Fact]
    public async Task A_handled_message_is_not_queued()
    {
        var dispatcher = new StubDispatcher(_ => Task.CompletedTask);

        Assert.True(await Inline(dispatcher).TryDispatchAsync(Page, CancellationToken.None));
        Assert.Equal([Page], dispatcher.Seen);
    }

    [Fact]
    public async Task A_failing_handler_leaves_the_message_to_the_queue()
    {
        var dispatcher = new StubDispatcher(_ => throw new InvalidOperationException("storage is down"));

        Assert.False(await Inline(dispatcher).TryDispatchAsync(Page, CancellationToken.None));
    }

    [Fact]
    public async Task Switched_off_nothing_runs_inline()
    {
        var dispatcher = new StubDispatcher(_ => Task.CompletedTask);

        Assert.False(await Inline(dispatcher, dispatchInline: false).TryDispatchAsync(Page, CancellationToken.None));
        Assert.Empty(dispatcher.Seen);
    }

    [Fact]
    public async Task Shutting_down_is_thrown_not_answered_with_a_queue_send()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var dispatcher = new StubDispatcher(token => Task.FromCanceled(token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Inline(dispatcher).TryDispatchAsync(Page, stopping.Token));
    }

    private static InlineNotifications Inline(INotificationDispatcher dispatcher, bool dispatchInline = true) =>
        new(new ServiceCollection().AddSingleton(dispatcher).BuildServiceProvider(),
            Options.Create(new KlaxonOptions { DispatchInline = dispatchInline }), NullLogger<InlineNotifications>.Instance);

    private sealed class StubDispatcher(Func<CancellationToken, Task> handle) : INotificationDispatcher
    {
        public List<INotificationMessage> Seen { get; } = [];

        public Task DispatchAsync(INotificationMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            return handle(cancellationToken);
        }
    }
}
