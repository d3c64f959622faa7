using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Notifications.Contacts;
using Klaxon.Notifications.Twilio;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// Turns a verified inbound SMS into an acknowledge/resolve by the person who was paged. The incident and the person
/// come from <see cref="ContactLog"/> (the pages sent to that phone), never from the message: a reply can only act on
/// something that was paged to that very phone, as the user it was paged to, and only while that user still has that
/// phone in the account.
/// </summary>
public sealed partial class SmsReplyHandler(
    ContactLog contacts, AccountStore accounts, IncidentReader reader, IncidentCommands commands, ILogger<SmsReplyHandler> logger)
{
    /// <summary>Where people's actions from SMS are recorded as coming from.</summary>
    public const string Source = "sms";

    /// <param name="from">The sender's phone (Twilio's <c>From</c>, E.164).</param>
    /// <returns>The reply to send back, or null for none.</returns>
    public async Task<string?> HandleAsync(string? from, string? body, CancellationToken cancellationToken)
    {
        var reply = SmsReplyParser.Parse(body);
        switch (reply.Kind)
        {
            case SmsReplyKind.OptOut:
                return null;
            case SmsReplyKind.Help:
                return SmsReplyText.Help;
        }
        if (string.IsNullOrEmpty(from))
        {
            return SmsReplyText.NotOnRota;
        }
        // No fallback to "the one account with a user with this phone" when nothing was paged here: AccountStore
        // cannot list accounts without a table scan, and a reply about something never paged to this phone is rare.
        var page = await contacts.FindAsync(from, reply.Number, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            var known = reply.Number is not null && await contacts.FindAsync(from, null, cancellationToken).ConfigureAwait(false) is not null;
            return known ? SmsReplyText.NotPaged(reply.Number!.Value) : SmsReplyText.NotOnRota;
        }
        var config = await accounts.GetAsync(page.AccountId, cancellationToken).ConfigureAwait(false);
        if (config?.FindUser(page.UserId) is not { } user || !string.Equals(user.Phone, from, StringComparison.Ordinal))
        {
            // The phone was paged once but is no longer this user's (or the user is gone): it may not act for them.
            LogPhoneNoLongerMatches(page.AccountId, page.UserId);
            return SmsReplyText.NotOnRota;
        }
        var incident = await reader.GetAsync(page.AccountId, page.Number, cancellationToken, withTimeline: false).ConfigureAwait(false);
        if (incident is null)
        {
            return SmsReplyText.NotFound(page.Number);
        }
        if (incident.Status == IncidentStatus.Resolved)
        {
            return SmsReplyText.AlreadyResolved(page.Number);
        }
        var result = await commands.SubmitAsync(page.AccountId, page.Number, reply.Action, user.Id, Source, cancellationToken).ConfigureAwait(false);
        LogSubmitted(page.AccountId, page.Number, user.Id, reply.Action, result.Outcome);
        return result.Outcome switch
        {
            CommandOutcome.Accepted => SmsReplyText.Acting(reply.Action, page.Number, incident.Title),
            CommandOutcome.NotFound => SmsReplyText.NotFound(page.Number),
            _ => SmsReplyText.NotOnRota,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS reply for account {AccountId}: user {UserId} no longer has the phone that was paged")]
    private partial void LogPhoneNoLongerMatches(string accountId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS reply: {Action} of #{Number} in account {AccountId} by {UserId} submitted ({Outcome})")]
    private partial void LogSubmitted(string accountId, long number, string userId, IncidentActionKind action, CommandOutcome outcome);
}
