using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Klaxon.Notifications.Push;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// The app's "Me" page: the person's contact methods and notification rules (read-only, from the configuration
/// document) and their push devices: add this browser, list, remove. Only ever the signed-in person's own.
/// </summary>
public sealed class AppMeFunctions(AppGate gate, IOptions<AppOptions> options, PushSubscriptionStore store, PushRegistrar registrar) : AppApiFunction(gate, options)
{
    private const string Route = "app/api/accounts/{accountId}/me";

    [Function("AppMe")]
    public async Task<IActionResult> Me(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var user = caller.User!;
        var devices = await store.ListAsync(accountId, user.Id, cancellationToken).ConfigureAwait(false);
        var rules = user.NotificationRules.OrderBy(r => r.Key)
            .Select(r => new Rule(r.Key.ToWire(), [.. r.Value.Select(step => new Step(step.Channel.ToWire(), step.After.ToString()))]))
            .ToList();
        return JsonResponses.Json(200, new MeBody(user.Id, user.Name, user.Role.ToWire(), user.Email, user.Phone, user.TimeZone, rules,
            [.. devices.Select(Device.From)]));
    }

    /// <summary>Registers this browser: the body is <c>PushSubscription.toJSON()</c>, validated as the management API does.</summary>
    [Function("AppAddPushDevice")]
    public async Task<IActionResult> AddDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/push-devices")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var body = await JsonRequestReader.ReadJsonAsync(request, PushSubscriptionRequest.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        var added = await registrar.AddAsync(accountId, caller.User!.Id, body.Root, cancellationToken).ConfigureAwait(false);
        return added.Outcome switch
        {
            PushRegistrationOutcome.Added => JsonResponses.Json(201, Device.From(added.Stored!)),
            PushRegistrationOutcome.TooMany => JsonResponses.Invalid(409, "endpoint",
                $"is one too many: a user can have at most {PushSubscriptionStore.MaxPerUser} push devices; remove one first"),
            _ => JsonResponses.Invalid(400, added.Errors),
        };
    }

    [Function("AppRemovePushDevice")]
    public async Task<IActionResult> RemoveDevice(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route + "/push-devices/{deviceId}")] HttpRequest request,
        string accountId,
        string deviceId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        return PushSubscriptionStore.IsId(deviceId) && await store.RemoveAsync(accountId, caller.User!.Id, deviceId, cancellationToken).ConfigureAwait(false)
            ? new StatusCodeResult(204)
            : JsonResponses.NotFound();
    }

    private sealed record Step(string Channel, string After);

    private sealed record Rule(string Urgency, IReadOnlyList<Step> Steps);

    /// <param name="Service">The push service's host (which browser vendor), never the keys.</param>
    private sealed record Device(string Id, string Service, string Endpoint, DateTimeOffset CreatedAt)
    {
        public static Device From(StoredPushSubscription s) =>
            new(s.Id, Uri.TryCreate(s.Endpoint, UriKind.Absolute, out var uri) ? uri.Host : "", s.Endpoint, s.CreatedAt);
    }

    private sealed record MeBody(string Id, string Name, string Role, string? Email, string? Phone, string TimeZone, IReadOnlyList<Rule> NotificationRules,
        IReadOnlyList<Device> PushDevices);
}
