namespace Klaxon.Notifications;

/// <summary>
/// A message on the notifications queue: something happened to an incident that paging must act on. This is the seam
/// escalation and the real channels plug into; the job id is deterministic, so a republished job is recognised.
/// </summary>
/// <param name="JobId"><c>{requestId}:{number}:{kind}</c>, unique per signal.</param>
/// <param name="At">When the decision behind it was committed.</param>
/// <param name="Kind"><c>triggered</c> (start paging), <c>acknowledged</c> or <c>resolved</c> (stop paging).</param>
public sealed record NotificationJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    string Kind,
    string? Actor,
    string RequestId,
    string? IntegrationId,
    string? TeamId);
