namespace Klaxon.Escalation;

/// <summary>A message on the escalations queue: advance an incident whose escalation came due, or escalate it now.</summary>
/// <param name="Kind"><c>due</c> (from the timer's sweep) or <c>escalate</c> (management API).</param>
/// <param name="RequestedBy">For <c>escalate</c>: the user who asked.</param>
public sealed record EscalationWork(string Kind, string AccountId, long IncidentNumber, DateTimeOffset? DueAt = null, string? RequestedBy = null)
{
    public const string DueKind = "due";
    public const string EscalateKind = "escalate";

    public static EscalationWork Due(DueItem item) => new(DueKind, item.AccountId, item.IncidentNumber, item.DueAt);
}
