namespace Klaxon.Notifications;

/// <summary>
/// A message on the notifications queue: something happened to an incident that paging must act on. This is the seam
/// escalation and the real channels plug into; the job id is deterministic, so a republished job is recognised.
/// </summary>
/// <param name="JobId"><c>{requestId}:{number}:{kind}</c> for incident signals; the escalation page id for pages.</param>
/// <param name="At">When the decision behind it was committed (for pages: when the step was due).</param>
/// <param name="Urgency">For <c>triggered</c>: the incident's urgency (wire form), so escalation needs no extra read.</param>
/// <param name="Kind">
/// <c>triggered</c> (start escalation), <c>acknowledged</c> or <c>resolved</c> (stop it), <c>page</c> (contact
/// <paramref name="UserId"/> on <paramref name="Channel"/> now), or <c>bundle</c> (send the pages throttling held back
/// for the phone <paramref name="Address"/> as one summary).
/// </param>
/// <param name="Attempt">How many times a page went back on the queue after its provider failed transiently; 0 at first.</param>
/// <param name="Address">For <c>bundle</c>: the phone number whose held pages to send.</param>
public sealed record NotificationJob(
    string JobId,
    DateTimeOffset At,
    string AccountId,
    long IncidentNumber,
    string Kind,
    string? Actor,
    string RequestId,
    string? IntegrationId,
    string? TeamId,
    string? UserId = null,
    string? Channel = null,
    string? Urgency = null,
    int Attempt = 0,
    string? Address = null)
{
    public const string Triggered = "triggered";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Page = "page";
    public const string Bundle = "bundle";
}
