using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Storage;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Actions;

/// <summary>What became of a link, shown or used.</summary>
public enum ActionLinkOutcome
{
    /// <summary>Previewed: the link can be used. Submitted: the action was queued.</summary>
    Ok,

    /// <summary>A bad link (not enabled, incomplete, damaged, forged, expired) or a user who cannot act: the error says which.</summary>
    Invalid,

    /// <summary>The incident is gone.</summary>
    NotFound,

    /// <summary>A resolve link that was used before: resolve links act once.</summary>
    Used,
}

/// <summary>What a link would do: shown on the confirmation page.</summary>
/// <param name="Outcome"><see cref="ActionLinkOutcome.Ok"/>, or why not (<see cref="Error"/> says, for the person).</param>
/// <param name="UserName">The user's display name, or their id when the account no longer lists them.</param>
public sealed record ActionPreview(ActionLinkOutcome Outcome, string? Error, VerifiedAction? Action, Incident? Incident, string? UserName);

/// <summary>What a link did.</summary>
/// <param name="Outcome"><see cref="ActionLinkOutcome.Ok"/> when the action was queued, or why not (<see cref="Error"/> says).</param>
/// <param name="WasResolved">The incident was already resolved: the action is recorded as ignored.</param>
public sealed record ActionSubmission(
    ActionLinkOutcome Outcome, string? Error, VerifiedAction? Action, Incident? Incident, string? RequestId, bool WasResolved);

/// <summary>
/// Acknowledge/resolve links from emails and push notifications: previews for the confirmation page (which changes
/// nothing) and submissions, which go through <see cref="IncidentCommands"/> like every person's action.
/// </summary>
public sealed class ActionLinkService(
    ActionLinks links, IOptions<NotificationsOptions> options, IncidentReader reader, AccountStore accounts, IncidentCommands commands, OnceLog used)
{
    /// <summary>What a person is told about a resolve link used before.</summary>
    public const string UsedError = "This resolve link was already used; it acts only once. Use the management API or a newer message.";

    public async Task<ActionPreview> PreviewAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryVerify(token, out var action, out var error))
        {
            return new ActionPreview(ActionLinkOutcome.Invalid, error, null, null, null);
        }
        if (await WasUsedAsync(action, token!, cancellationToken).ConfigureAwait(false))
        {
            return new ActionPreview(ActionLinkOutcome.Used, UsedError, action, null, null);
        }
        var incident = await reader.GetAsync(action.AccountId, action.Number, cancellationToken, withTimeline: false).ConfigureAwait(false);
        if (incident is null)
        {
            return new ActionPreview(ActionLinkOutcome.NotFound, $"Incident #{action.Number} no longer exists.", action, null, null);
        }
        var account = await accounts.GetAsync(action.AccountId, cancellationToken).ConfigureAwait(false);
        return new ActionPreview(ActionLinkOutcome.Ok, null, action, incident, account?.FindUser(action.UserId)?.Name ?? action.UserId);
    }

    public async Task<ActionSubmission> SubmitAsync(string? token, CancellationToken cancellationToken)
    {
        if (!TryVerify(token, out var action, out var error))
        {
            return new ActionSubmission(ActionLinkOutcome.Invalid, error, null, null, null, false);
        }
        if (await WasUsedAsync(action, token!, cancellationToken).ConfigureAwait(false))
        {
            return new ActionSubmission(ActionLinkOutcome.Used, UsedError, action, null, null, false);
        }
        // Read first only to tell the person when the incident was already resolved; the state machine decides anyway.
        var incident = await reader.GetAsync(action.AccountId, action.Number, cancellationToken, withTimeline: false).ConfigureAwait(false);
        var result = await commands.SubmitAsync(action.AccountId, action.Number, action.Action, action.UserId, action.Channel, cancellationToken)
            .ConfigureAwait(false);
        if (result.Outcome == CommandOutcome.Accepted && action.Action == IncidentActionKind.Resolve)
        {
            await used.MarkUsedAsync(UseOf(action, token!), cancellationToken).ConfigureAwait(false);
        }
        return result.Outcome switch
        {
            CommandOutcome.Accepted => new ActionSubmission(ActionLinkOutcome.Ok, null, action, incident, result.RequestId, incident?.Status == IncidentStatus.Resolved),
            CommandOutcome.NotFound => new ActionSubmission(ActionLinkOutcome.NotFound, $"Incident #{action.Number} no longer exists.", action, incident, null, false),
            _ => new ActionSubmission(ActionLinkOutcome.Invalid, $"The link's user cannot act on this incident: {result.Error?.Message}", action, incident, null, false),
        };
    }

    /// <summary>Only resolve links are single-use: acknowledging twice changes nothing.</summary>
    private async Task<bool> WasUsedAsync(VerifiedAction action, string token, CancellationToken cancellationToken) =>
        action.Action == IncidentActionKind.Resolve && await used.WasUsedAsync(UseOf(action, token), cancellationToken).ConfigureAwait(false);

    /// <summary>Row <c>link|{sha256(token)}</c> in the account's partition of the incidents table.</summary>
    private static OnceKey UseOf(VerifiedAction action, string token) =>
        OnceLog.Key(StorageNames.IncidentsTable, action.AccountId, "link|", token, hashedInRow: true);

    private bool TryVerify(string? token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VerifiedAction? action, out string? error)
    {
        // Only the signing key matters here: push notifications post tokens without the public base URL's help.
        if (!options.Value.EmailLinks.IsConfigured)
        {
            action = null;
            error = "Action links are not enabled on this Klaxon.";
            return false;
        }
        return links.TryVerify(token, out action, out error) && action is not null;
    }
}
