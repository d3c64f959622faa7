using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// Acknowledge/resolve by people: through the management API, or from a page (SMS reply, call keypad, email or push
/// button). They are queued like webhook events so there is one
/// writer path for incident state and the same ordering and exactly-once rules apply.
/// </summary>
public sealed class IncidentCommands(AccountStore accounts, IncidentReader reader, EventQueue queue, TimeProvider time)
{
    /// <param name="source">Where the person acted: <c>api</c>, <c>sms</c>, <c>voice</c>, <c>email</c> or <c>push</c>; recorded on the timeline.</param>
    public async Task<CommandResult> SubmitAsync(
        string accountId, long number, IncidentActionKind action, string? user, string source, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(user))
        {
            return CommandResult.Invalid(new FieldError("user", "is required: the id of the user taking the action"));
        }
        var config = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        var incident = await reader.GetAsync(accountId, number, cancellationToken, withTimeline: false).ConfigureAwait(false);
        if (config is null || incident is null)
        {
            return CommandResult.NotFound;
        }
        if (config.FindUser(user) is null)
        {
            return CommandResult.Invalid(new FieldError("user", $"must be a user id of account {accountId}; '{user}' is not one"));
        }
        var requestId = Guid.NewGuid().ToString();
        await queue.SendAsync(new EventEnvelope
        {
            EventId = requestId,
            AccountId = accountId,
            Source = source,
            Actor = user,
            Action = action,
            ReceivedAt = receivedAt,
            IntegrationId = incident.IntegrationId,
            AlertId = incident.DedupKey,
            IncidentNumber = number,
        }, cancellationToken).ConfigureAwait(false);
        return CommandResult.Accepted(requestId);
    }
}

/// <summary>What became of a person's action.</summary>
public enum CommandOutcome
{
    /// <summary>Queued; <see cref="CommandResult.RequestId"/> identifies it on the timeline.</summary>
    Accepted,

    /// <summary>The account or the incident does not exist.</summary>
    NotFound,

    /// <summary>No user, or not a user of the account; <see cref="CommandResult.Error"/> says which.</summary>
    Invalid,
}

/// <summary>The outcome of <see cref="IncidentCommands.SubmitAsync"/>; each caller decides how to answer it.</summary>
public sealed record CommandResult(CommandOutcome Outcome, string? RequestId, FieldError? Error)
{
    public static CommandResult NotFound { get; } = new(CommandOutcome.NotFound, null, null);

    public static CommandResult Accepted(string requestId) => new(CommandOutcome.Accepted, requestId, null);

    public static CommandResult Invalid(FieldError error) => new(CommandOutcome.Invalid, null, error);
}
