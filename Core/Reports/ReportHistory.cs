using Klaxon.Accounts;

namespace Klaxon.Reports;

/// <summary>One incident as the response report needs it.</summary>
/// <param name="TeamId">Null when the incident had no team.</param>
public sealed record ReportIncident(
    long Number, string? TeamId, string IntegrationId, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt);

/// <summary>One page that went out: to whom, how, and when it was due.</summary>
public sealed record ReportPage(long IncidentNumber, string UserId, NotificationChannel Channel, DateTimeOffset At);
