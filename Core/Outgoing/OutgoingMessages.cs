using Klaxon.Common;
using Klaxon.Incidents;

namespace Klaxon.Outgoing;

/// <summary>What a message on the outgoing queue asks for; its wire name is the message's <c>kind</c>.</summary>
public enum OutgoingMessageKind
{
    /// <summary>An incident event was (or is being) committed: find its subscribers (<see cref="OutgoingAnnouncement"/>).</summary>
    Announce,

    /// <summary>Send one event to one receiver (<see cref="OutgoingDelivery"/>).</summary>
    Deliver,
}

/// <summary>Where a delivery goes.</summary>
public enum OutgoingTargetKind
{
    /// <summary>An account's outgoing webhook: the signed event JSON.</summary>
    Webhook,

    /// <summary>A team's Slack incoming webhook: a Block Kit message.</summary>
    Slack,

    /// <summary>A team's Microsoft Teams Workflows webhook: an Adaptive Card.</summary>
    Teams,
}

/// <summary>An incident event to hand to its subscribers.</summary>
/// <param name="Checks">How often its timeline line was looked for and not found yet (the commit may still be under way).</param>
public sealed record OutgoingAnnouncement(IncidentEventNotice Notice, int Checks = 0)
{
    public OutgoingMessageKind Kind => OutgoingMessageKind.Announce;

    /// <summary>Looks for the timeline line at most this often before deciding it was never committed: 4.</summary>
    public const int MaxChecks = 4;
}

/// <summary>
/// One event for one receiver, with the exact body to send: every attempt sends the same bytes (signed afresh with the
/// attempt's time), so a receiver that got it twice sees the same event id and body.
/// </summary>
/// <param name="TargetId">The webhook's id, or <c>{team}:{index}</c> for a team's chat channel.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="FirstAttemptAt">When the first attempt was made (set by the first attempt).</param>
public sealed record OutgoingDelivery(
    string EventId,
    IncidentEventKind EventKind,
    string AccountId,
    long IncidentNumber,
    OutgoingTargetKind Target,
    string TargetId,
    string Body,
    string RequestId,
    int Attempt = 1,
    DateTimeOffset? FirstAttemptAt = null)
{
    public OutgoingMessageKind Kind => OutgoingMessageKind.Deliver;

    /// <summary>The chat target id of a team's <paramref name="index"/>-th channel.</summary>
    public static string ChatTargetId(string teamId, int index) => $"{teamId}:{index}";
}
