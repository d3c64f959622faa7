using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Notifications.Contacts;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Throttling;

/// <summary>
/// Per-phone throttling of SMS and calls across all accounts, so a flood of incidents cannot send hundreds of messages
/// to one phone. One row per phone and channel (<c>phone|{e164}</c> / <c>throttle|sms</c>) holding a
/// <see cref="ThrottleState"/>, updated with ETags so concurrent pages to one phone cannot both take the last slot.
/// </summary>
public sealed class ContactThrottle(ContactRows rows, IOptions<NotificationsOptions> options)
{
    /// <summary>Whether a channel is throttled at all: SMS and voice are; email and push cost nothing per message.</summary>
    public static bool Applies(NotificationChannel channel) => channel is NotificationChannel.Sms or NotificationChannel.Voice;

    public Task<ThrottleDecision> AcquireAsync(NotificationChannel channel, string phone, PageRef page, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(channel, phone, state => state.Acquire(page, now, Limit(channel), Window), cancellationToken);

    /// <summary>Takes the held pages for a summary (see <see cref="ThrottleState.Flush"/>).</summary>
    public Task<(IReadOnlyList<PageRef> Send, DateTimeOffset? RetryAt)> FlushAsync(
        NotificationChannel channel, string phone, string summaryJobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(channel, phone, state =>
        {
            var (next, send, retryAt) = state.Flush(summaryJobId, now, Limit(channel), Window);
            return (next, (send, retryAt));
        }, cancellationToken);

    /// <summary>The summary went out: forget the pages it took.</summary>
    public Task CompleteAsync(NotificationChannel channel, string phone, string summaryJobId, CancellationToken cancellationToken) =>
        UpdateAsync(channel, phone, state => (state.Complete(summaryJobId), true), cancellationToken);

    /// <summary>The summary could not be sent: hold its pages again until <paramref name="retryAt"/>.</summary>
    public Task ReturnAsync(NotificationChannel channel, string phone, string summaryJobId, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(channel, phone, state => (state.Return(summaryJobId, retryAt), true), cancellationToken);

    private TimeSpan Window => options.Value.Delivery.ThrottleWindow;

    private int Limit(NotificationChannel channel) =>
        channel == NotificationChannel.Voice ? options.Value.Delivery.CallsPerWindow : options.Value.Delivery.SmsPerWindow;

    /// <remarks>The rows chunk the stored state: a flood's held pages can outgrow one property (64 KiB).</remarks>
    private Task<T> UpdateAsync<T>(NotificationChannel channel, string phone, Func<ThrottleState, (ThrottleState State, T Result)> decide, CancellationToken cancellationToken) =>
        rows.UpdateAsync<ThrottleState, T>(ContactLog.PhonePartition(phone), "throttle|" + channel.ToWire(), "State", maxConflicts: 30,
            stored => decide(stored ?? ThrottleState.Empty), cancellationToken);
}
