using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Maintenance;

/// <summary>
/// Ad hoc maintenance windows through the management API (start and end: a responder or admin key of the account; list: any key of it): start one ("quiet for 2 h"), list them, end
/// one early. Scheduled windows live in the account document (<c>$.maintenance</c>).
/// </summary>
public sealed class MaintenanceFunctions(AccountStore accounts, AdHocMaintenanceStore store, TimeProvider time, ApiAccess access)
{
    /// <summary>Largest request body: 16 KiB.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary><c>{"team"|"integration", "minutes", "reason"?, "user"?}</c> → 201 with the window, starting now.</summary>
    [Function("StartMaintenance")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/maintenance")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Responder, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var json = await JsonRequestReader.ReadJsonAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (json.Problem is { } problem)
        {
            return problem.ToResponse();
        }
        if (json.Root.ValueKind != JsonValueKind.Object)
        {
            return JsonResponses.Invalid(400, "body", "must be a JSON object like {\"team\":\"ops\",\"minutes\":120}");
        }
        var errors = new List<FieldError>();
        var team = JsonFields.OptionalString(json.Root, "team", errors);
        var integration = JsonFields.OptionalString(json.Root, "integration", errors);
        var reason = JsonFields.OptionalString(json.Root, "reason", errors);
        var user = JsonFields.OptionalString(json.Root, "user", errors);
        long? minutes = json.Root.TryGetProperty("minutes", out var m) && m.ValueKind == JsonValueKind.Number && m.TryGetInt64(out var whole) ? whole : null;
        if (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is not { } config)
        {
            return JsonResponses.NotFound();
        }
        errors.AddRange(AdHocMaintenanceRules.Check(config, team, integration, minutes, reason, user));
        if (errors.Count > 0)
        {
            return JsonResponses.Invalid(400, errors);
        }
        var now = time.GetUtcNow();
        var window = new AdHocMaintenance(Guid.CreateVersion7(now).ToString(), team is null ? MaintenanceScope.Integration : MaintenanceScope.Team,
            team ?? integration!, now, now.AddMinutes(minutes!.Value), reason, user ?? "api");
        await store.AddAsync(accountId, window, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(201, MaintenanceAnswer.Of(window, now));
    }

    /// <summary>The newest 100 ad hoc windows, newest first, each with its status (<c>active</c> or <c>ended</c>).</summary>
    [Function("ListMaintenance")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/maintenance")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            return JsonResponses.NotFound();
        }
        var now = time.GetUtcNow();
        var windows = await store.ListAsync(accountId, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new MaintenanceList([.. windows.Select(w => MaintenanceAnswer.Of(w, now))]));
    }

    /// <summary>Ends the window now (200 with it); one already over is answered as it is; 404 for an unknown one.</summary>
    [Function("EndMaintenance")]
    public async Task<IActionResult> End(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/maintenance/{maintenanceId}/end")] HttpRequest request,
        string accountId,
        string maintenanceId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Responder, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!Guid.TryParse(maintenanceId, out _))
        {
            return JsonResponses.NotFound();
        }
        var now = time.GetUtcNow();
        var ended = await store.EndAsync(accountId, maintenanceId, now, cancellationToken).ConfigureAwait(false);
        return ended is null ? JsonResponses.NotFound() : JsonResponses.Json(200, MaintenanceAnswer.Of(ended, now));
    }
}

/// <summary>One ad hoc window as the API shows it.</summary>
public sealed record MaintenanceAnswer(string Id, string Status, string? Team, string? Integration, DateTimeOffset StartAt, DateTimeOffset EndAt, string? Reason, string StartedBy)
{
    public static MaintenanceAnswer Of(AdHocMaintenance window, DateTimeOffset now) => new(
        window.Id,
        window.EndAt > now ? "active" : "ended",
        window.Scope == MaintenanceScope.Team ? window.TargetId : null,
        window.Scope == MaintenanceScope.Integration ? window.TargetId : null,
        window.StartAt,
        window.EndAt,
        window.Reason,
        window.StartedBy);
}

/// <summary><c>{"items":[…]}</c>.</summary>
public sealed record MaintenanceList(IReadOnlyList<MaintenanceAnswer> Items);
