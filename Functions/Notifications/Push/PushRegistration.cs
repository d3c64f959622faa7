using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Notifications.Push;

/// <summary>What became of a browser's subscription.</summary>
public enum PushRegistrationOutcome
{
    /// <summary>Stored (or the same endpoint again, which keeps its id).</summary>
    Added,

    /// <summary>The body breaks a rule, or the endpoint is not a browser push service's: <see cref="PushRegistration.Errors"/> say which.</summary>
    Invalid,

    /// <summary>The user already has <see cref="PushSubscriptionStore.MaxPerUser"/> subscriptions.</summary>
    TooMany,
}

/// <summary>The outcome, the stored subscription when added, and the errors when invalid.</summary>
public sealed record PushRegistration(PushRegistrationOutcome Outcome, StoredPushSubscription? Stored, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Adds a browser's push subscription for a user, the same way from the management API and from the responder app:
/// the body's rules, then the endpoint policy (only push services), then the per-user limit.
/// </summary>
public sealed class PushRegistrar(PushSubscriptionStore store, PushEndpointPolicy endpoints)
{
    /// <param name="body"><c>PushSubscription.toJSON()</c>, already read as JSON.</param>
    public async Task<PushRegistration> AddAsync(string accountId, string userId, JsonElement body, CancellationToken cancellationToken)
    {
        var (subscription, errors) = PushSubscriptionRequest.Parse(body);
        if (subscription is null)
        {
            return new PushRegistration(PushRegistrationOutcome.Invalid, null, errors);
        }
        if (endpoints.Check(subscription.Endpoint) is { } refused)
        {
            return new PushRegistration(PushRegistrationOutcome.Invalid, null, [refused]);
        }
        var existing = await store.ListAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= PushSubscriptionStore.MaxPerUser && existing.All(s => s.Endpoint != subscription.Endpoint))
        {
            return new PushRegistration(PushRegistrationOutcome.TooMany, null, []);
        }
        var stored = await store.AddAsync(accountId, userId, subscription, cancellationToken).ConfigureAwait(false);
        return new PushRegistration(PushRegistrationOutcome.Added, stored, []);
    }
}
