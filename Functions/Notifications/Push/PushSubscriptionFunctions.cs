using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Notifications.Push;

/// <summary>
/// Management API for a user's Web Push subscriptions (an admin key of the account; anyone else 401/403): a web app posts what
/// <c>pushManager.subscribe</c> gave it, lists and removes them. Keys are stored but never shown again.
/// </summary>
public sealed class PushSubscriptionFunctions(AccountStore accounts, PushSubscriptionStore store, PushRegistrar registrar, ApiAccess access)
{
    private const string Route = "api/accounts/{accountId}/users/{userId}/push-subscriptions";

    [Function("AddPushSubscription")]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request,
        string accountId,
        string userId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!await UserExistsAsync(accountId, userId, cancellationToken).ConfigureAwait(false))
        {
            return JsonResponses.NotFound();
        }
        var body = await JsonRequestReader.ReadJsonAsync(request, PushSubscriptionRequest.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        var added = await registrar.AddAsync(accountId, userId, body.Root, cancellationToken).ConfigureAwait(false);
        return added.Outcome switch
        {
            PushRegistrationOutcome.Added => JsonResponses.Json(201, new SubscriptionCreated(added.Stored!.Id, added.Stored.Endpoint)),
            PushRegistrationOutcome.TooMany => JsonResponses.Invalid(409, "endpoint",
                $"is one too many: a user can have at most {PushSubscriptionStore.MaxPerUser} push subscriptions; delete one first"),
            _ => JsonResponses.Invalid(400, added.Errors),
        };
    }

    [Function("ListPushSubscriptions")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string accountId,
        string userId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!await UserExistsAsync(accountId, userId, cancellationToken).ConfigureAwait(false))
        {
            return JsonResponses.NotFound();
        }
        var subscriptions = await store.ListAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new SubscriptionList([.. subscriptions.Select(s => new SubscriptionItem(s.Id, s.Endpoint, s.CreatedAt))]));
    }

    [Function("DeletePushSubscription")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/{subscriptionId}")] HttpRequest request,
        string accountId,
        string userId,
        string subscriptionId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!PushSubscriptionStore.IsId(subscriptionId)
            || !await UserExistsAsync(accountId, userId, cancellationToken).ConfigureAwait(false)
            || !await store.RemoveAsync(accountId, userId, subscriptionId, cancellationToken).ConfigureAwait(false))
        {
            return JsonResponses.NotFound();
        }
        return new StatusCodeResult(204);
    }

    /// <summary>Read from the table, not the snapshot: a user added a moment ago on another instance must be found.</summary>
    private async Task<bool> UserExistsAsync(string accountId, string userId, CancellationToken cancellationToken) =>
        (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false))?.FindUser(userId) is not null;

    private sealed record SubscriptionCreated(string Id, string Endpoint);

    private sealed record SubscriptionList(IReadOnlyList<SubscriptionItem> Items);

    private sealed record SubscriptionItem(string Id, string Endpoint, DateTimeOffset CreatedAt);
}
