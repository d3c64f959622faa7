using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Outgoing;

/// <summary>
/// Management API for outgoing deliveries (an admin key of the account: the log describes receivers whose URLs are admin-only): each receiver's delivery log, newest attempt first.
/// Receivers themselves are configured in the account document (<c>outgoingWebhooks</c>, teams' <c>chat</c>).
/// </summary>
public sealed class OutgoingApiFunctions(AccountStore accounts, DeliveryAttemptLog log, ApiAccess access)
{
    /// <summary>Attempts listed when <c>limit</c> is not given: 50.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Most attempts one request lists: 200.</summary>
    public const int MaxLimit = 200;

    [Function("ListWebhookDeliveries")]
    public async Task<IActionResult> WebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/webhooks/{webhookId}/deliveries")] HttpRequest request,
        string accountId,
        string webhookId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var config = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (config?.FindOutgoingWebhook(webhookId) is not { } webhook)
        {
            return JsonResponses.NotFound();
        }
        return await ListAsync(request, accountId, OutgoingTargetKind.Webhook, webhook.Id, cancellationToken).ConfigureAwait(false);
    }

    [Function("ListChatDeliveries")]
    public async Task<IActionResult> ChatDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/teams/{teamId}/chat/{index}/deliveries")] HttpRequest request,
        string accountId,
        string teamId,
        string index,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Admin, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var config = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (config?.FindTeam(teamId) is not { } team
            || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position >= team.Chat.Count)
        {
            return JsonResponses.NotFound();
        }
        var target = team.Chat[position].Kind == ChatKind.Slack ? OutgoingTargetKind.Slack : OutgoingTargetKind.Teams;
        return await ListAsync(request, accountId, target, OutgoingDelivery.ChatTargetId(team.Id, position), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IActionResult> ListAsync(HttpRequest request, string accountId, OutgoingTargetKind target, string targetId, CancellationToken cancellationToken)
    {
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return JsonResponses.Invalid(400, "limit", $"must be a whole number from 1 to {MaxLimit}");
        }
        var items = await log.ListAsync(accountId, target, targetId, limit, cancellationToken).ConfigureAwait(false);
        return JsonResponses.Json(200, new DeliveriesBody(target.ToWire(), targetId, items));
    }

    private sealed record DeliveriesBody(string Target, string Id, IReadOnlyList<DeliveryAttempt> Items);
}
