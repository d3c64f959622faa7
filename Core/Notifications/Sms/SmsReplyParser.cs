using System.Text.RegularExpressions;
using Klaxon.Incidents;

namespace Klaxon.Notifications.Sms;

/// <summary>What an SMS reply asks for.</summary>
public enum SmsReplyKind
{
    /// <summary>Anything not in the grammar: answered with the help text.</summary>
    Help,

    /// <summary>Acknowledge or resolve, with or without an incident number.</summary>
    Action,

    /// <summary>A carrier opt-out keyword (STOP and the like): Twilio has already answered it, Klaxon stays silent.</summary>
    OptOut,
}

/// <summary>A parsed reply. <see cref="Number"/> is null for a bare <c>a</c>/<c>r</c> (the latest page).</summary>
public sealed record SmsReply(SmsReplyKind Kind, long? Number, IncidentActionKind Action)
{
    public static SmsReply Help { get; } = new(SmsReplyKind.Help, null, default);

    public static SmsReply OptOut { get; } = new(SmsReplyKind.OptOut, null, default);
}

/// <summary>
/// The reply grammar, strict on purpose: a reply changes an incident, so anything doubtful gets the help text rather
/// than a guess. After trimming, case-insensitively, the whole message must be
/// <code>
///   [ ["#"] number [spaces] ] action
///   number = 1 to 10 digits, 1 to 9,999,999,999
///   action = "a" | "ack" | "acknowledge" | "r" | "res" | "resolve"
/// </code>
/// so <c>42a</c>, <c>42 a</c>, <c>42A</c>, <c>#42a</c>, <c>42 ack</c>, <c>a</c> and <c>r</c> are accepted, and
/// <c>42</c>, <c>#a</c>, <c>a42</c>, <c>42a thanks</c> or <c>ok</c> are not. The opt-out keywords carriers and Twilio
/// reserve (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) get no answer: Twilio blocks messages to a number that just
/// opted out.
/// </summary>
public static partial class SmsReplyParser
{
    private static readonly HashSet<string> OptOutKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
    };

    public static SmsReply Parse(string? body)
    {
        var text = body?.Trim() ?? "";
        if (OptOutKeywords.Contains(text))
        {
            return SmsReply.OptOut;
        }
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            return SmsReply.Help;
        }
        long? number = null;
        if (match.Groups["number"].Success)
        {
            if (!IncidentNumberFormat.TryParse(match.Groups["number"].Value, out var parsed))
            {
                return SmsReply.Help;
            }
            number = parsed;
        }
        var action = char.ToLowerInvariant(match.Groups["action"].Value[0]) == 'r' ? IncidentActionKind.Resolve : IncidentActionKind.Acknowledge;
        return new SmsReply(SmsReplyKind.Action, number, action);
    }

    // [ \t]* rather than \s*: a newline inside a reply is not something people type between number and letter.
    [GeneratedRegex(@"^(?:\#?(?<number>[0-9]{1,10})[ \t]*)?(?<action>a|ack|acknowledge|r|res|resolve)\z",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex Grammar();
}
