using Klaxon.Accounts;
using Klaxon.Escalation;
using Klaxon.Storage;

namespace Klaxon.Heartbeats;

/// <summary>
/// Starts heartbeat clocks when a configuration is saved, so a heartbeat that never checks in is still found missed.
/// Separate from <see cref="HeartbeatMonitor"/> because the account store calls it, and the monitor reads accounts.
/// </summary>
public sealed class HeartbeatClock(HeartbeatStore store, DueIndex due, TimeProvider time) : IAccountSavedHandler
{
    /// <summary>
    /// A heartbeat that is new, re-enabled or newly a heartbeat starts its clock now; every enabled heartbeat gets a
    /// reminder at its (possibly changed) deadline.
    /// </summary>
    public async Task SavedAsync(AccountConfig? previous, AccountConfig saved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        foreach (var integration in saved.Integrations)
        {
            if (integration is not { Type: IntegrationType.Heartbeat, Enabled: true, Heartbeat: { } heartbeat })
            {
                continue;
            }
            var before = previous?.FindIntegration(integration.Id);
            var restart = before is not { Type: IntegrationType.Heartbeat, Enabled: true };
            await OptimisticConcurrency.RetryAsync($"Clock of heartbeat {integration.Id} in {saved.Id}", HeartbeatMonitor.MaxAttempts, async (_, ct) =>
            {
                var stored = await store.ReadAsync(saved.Id, integration.Id, ct).ConfigureAwait(false);
                var state = stored?.State;
                if (restart || state is null)
                {
                    // An open miss stays open (the next check-in resolves it); the clock starts now.
                    state = new HeartbeatState(time.GetUtcNow(), null, state?.MissedAt);
                    await due.AddAsync(DueItem.ForHeartbeat(saved.Id, integration.Id, state.DeadlineFor(heartbeat)), ct).ConfigureAwait(false);
                    return await store.TryWriteAsync(saved.Id, integration.Id, state, stored?.Version, ct).ConfigureAwait(false)
                        ? Attempt.Done(true)
                        : Attempt<bool>.Conflict;
                }
                await due.AddAsync(DueItem.ForHeartbeat(saved.Id, integration.Id, state.DeadlineFor(heartbeat)), ct).ConfigureAwait(false);
                return Attempt.Done(true);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

}
