using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Notifications.Twilio;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications.Voice;

/// <summary>
/// Applies the digit gathered on a page call to the incident(s) named in the action URL (<c>a</c>, <c>n</c>, <c>u</c>):
/// 4 acknowledges, 6 resolves, anything else asks again. The URL is covered by Twilio's signature, and as defence in
/// depth the user must still exist in the account and the call must be to that user's phone (calls are outbound, so
/// Twilio's <c>To</c> is the callee); otherwise Klaxon hangs up and changes nothing.
/// </summary>
public sealed partial class VoiceGatherHandler(
    AccountStore accounts, IncidentReader reader, IncidentCommands commands, ILogger<VoiceGatherHandler> logger)
{
    /// <summary>Where people's actions from a call are recorded as coming from.</summary>
    public const string Source = "voice";

    /// <summary>Most incidents one summary call may act on. Default 50: more would not fit a callback URL anyway.</summary>
    public const int MaxIncidents = 50;

    /// <param name="twilio">The verified request: the digit pressed, the callee, and the URL to gather at again.</param>
    /// <param name="target">The action URL's account, user and incident list.</param>
    /// <returns>The TwiML to answer with.</returns>
    public async Task<string> HandleAsync(TwilioRequest twilio, VoiceGatherTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twilio);
        ArgumentNullException.ThrowIfNull(target);
        if (target.AccountId is not { Length: > 0 } accountId
            || target.UserId is not { Length: > 0 } userId
            || ParseNumbers(target.Incidents) is not { } numbers)
        {
            LogRefused("the action URL lacks a valid account, user or incident list");
            return TwimlResponses.SayAndHangUp(VoiceGatherText.Refused);
        }
        var config = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        var callee = twilio.Field("To") ?? twilio.Field("Called");
        if (config?.FindUser(userId) is not { Phone: { } phone } user || !string.Equals(callee, phone, StringComparison.Ordinal))
        {
            LogRefused($"user {userId} of account {accountId} is unknown or the call is not to their phone");
            return TwimlResponses.SayAndHangUp(VoiceGatherText.Refused);
        }
        IncidentActionKind action;
        switch (twilio.Field("Digits"))
        {
            case VoiceGatherText.AcknowledgeDigit:
                action = IncidentActionKind.Acknowledge;
                break;
            case VoiceGatherText.ResolveDigit:
                action = IncidentActionKind.Resolve;
                break;
            default:
                // Same URL as this request (the one Twilio signed), so the next press lands here again.
                return TwimlResponses.Gather(twilio.Url, VoiceGatherText.Choices(numbers), VoiceGatherText.Goodbye);
        }
        List<long> done = [], alreadyResolved = [], notFound = [];
        foreach (var number in numbers)
        {
            var incident = await reader.GetAsync(accountId, number, cancellationToken, withTimeline: false).ConfigureAwait(false);
            if (incident is null)
            {
                notFound.Add(number);
                continue;
            }
            if (incident.Status == IncidentStatus.Resolved)
            {
                alreadyResolved.Add(number);
                continue;
            }
            var result = await commands.SubmitAsync(accountId, number, action, user.Id, Source, cancellationToken).ConfigureAwait(false);
            LogSubmitted(accountId, number, user.Id, action, result.Outcome);
            (result.Outcome == CommandOutcome.Accepted ? done : notFound).Add(number);
        }
        return TwimlResponses.Say(VoiceGatherText.Outcome(action, done, alreadyResolved, notFound));
    }

    /// <summary><c>42</c> or <c>42,43,44</c>: distinct incident numbers in the given order, 1 to <see cref="MaxIncidents"/> of them.</summary>
    public static IReadOnlyList<long>? ParseNumbers(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var numbers = new List<long>();
        foreach (var part in text.Split(','))
        {
            if (!IncidentNumberFormat.TryParse(part, out var number))
            {
                return null;
            }
            if (!numbers.Contains(number))
            {
                numbers.Add(number);
            }
        }
        return numbers.Count <= MaxIncidents ? numbers : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a voice gather callback: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call keypad: {Action} of #{Number} in account {AccountId} by {UserId} submitted ({Outcome})")]
    private partial void LogSubmitted(string accountId, long number, string userId, IncidentActionKind action, CommandOutcome outcome);
}

/// <summary>
/// What the gather action URL names (<c>a</c>, <c>u</c>, <c>n</c>), each null unless its parameter appears exactly
/// once: a repeated parameter is as good as none, so a URL cannot name two accounts or users.
/// </summary>
/// <param name="Incidents"><c>42</c> or <c>42,43,44</c>.</param>
public sealed record VoiceGatherTarget(string? AccountId, string? UserId, string? Incidents);
