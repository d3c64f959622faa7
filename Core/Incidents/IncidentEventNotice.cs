using System.Security.Cryptography;
using System.Text;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// Tells subscribers (outgoing webhooks, chat posts) that a fact about an incident is being committed, by naming the
/// timeline line that records it. It is published before the commit, so a crash cannot lose it; whoever acts on it reads
/// the line and drops the notice when no such line was committed (a decision that lost a race and was taken again).
/// </summary>
/// <param name="TimelineRow">The row key of the timeline line; with the account and kind, it fixes <see cref="EventId"/>.</param>
/// <param name="RequestId">The request that led to it, for following one incident through the logs.</param>
/// <param name="PreviousNumber">For <see cref="IncidentEventKind.Reopened"/>: the resolved incident whose alert fired again.</param>
public sealed record IncidentEventNotice(
    string AccountId,
    long IncidentNumber,
    IncidentEventKind Kind,
    string TimelineRow,
    string RequestId,
    long? PreviousNumber = null)
{
    /// <summary>
    /// <c>evt_</c> and 32 hex digits of SHA-256 over account, timeline line and kind: the same however often the event that
    /// committed it is delivered or retried, and different for every fact.
    /// </summary>
    public string EventId => Of(AccountId, TimelineRow, Kind);

    public static string Of(string accountId, string timelineRow, IncidentEventKind kind) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}\n{timelineRow}\n{kind.ToWire()}")))[..32];

    /// <summary>The event a timeline line of the given kind announces; null for lines no subscriber hears about (no-ops, corrections).</summary>
    public static IncidentEventKind? KindOf(string timelineKind) => timelineKind switch
    {
        "opened" => IncidentEventKind.Opened,
        "alert" => IncidentEventKind.AlertAdded,
        "acknowledged" => IncidentEventKind.Acknowledged,
        "resolved" => IncidentEventKind.Resolved,
        "escalated" => IncidentEventKind.Escalated,
        "note" => IncidentEventKind.NoteAdded,
        _ => null,
    };

    /// <summary>
    /// The notices for an applied decision's timeline, each named by its row key (<paramref name="rowOf"/> gets the note
    /// and its index in the commit). An incident opened on a key whose previous incident is resolved also gets a
    /// <see cref="IncidentEventKind.Reopened"/> notice on the same line.
    /// </summary>
    public static IReadOnlyList<IncidentEventNotice> For(
        string accountId, string requestId, IncidentDecision decision, Func<TimelineNote, int, string> rowOf)
    {
        var notices = new List<IncidentEventNotice>();
        for (var index = 0; index < decision.Timeline.Count; index++)
        {
            var note = decision.Timeline[index];
            if (KindOf(note.Kind) is not { } kind)
            {
                continue;
            }
            var row = rowOf(note, index);
            notices.Add(new IncidentEventNotice(accountId, note.Number, kind, row, requestId));
            if (kind == IncidentEventKind.Opened && PreviousOf(decision.State, note.Number) is { } previous)
            {
                notices.Add(new IncidentEventNotice(accountId, note.Number, IncidentEventKind.Reopened, row, requestId, previous));
            }
        }
        return notices;
    }

    private static long? PreviousOf(AlertKeyState state, long number)
    {
        var index = state.Incidents.FindIndex(incident => incident.Number == number);
        return index > 0 && state.Incidents[index - 1].Status == IncidentStatus.Resolved ? state.Incidents[index - 1].Number : null;
    }
}
