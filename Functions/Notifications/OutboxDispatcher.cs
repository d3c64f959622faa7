using Azure;
using Azure.Data.Tables;
using Klaxon.Incidents;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;

using Klaxon.Common;

namespace Klaxon.Notifications;

/// <summary>
/// The default dispatcher: records on the incident's timeline, and logs, the page it would send. It never pages for an
/// incident that is no longer open when the job is handled, because the job may be older than an acknowledge.
/// </summary>
public sealed partial class OutboxDispatcher(TableServiceClient tables, TimeProvider time, ILogger<OutboxDispatcher> logger) : INotificationDispatcher
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task DispatchAsync(NotificationJob job, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new LogScope(("request_id", job.RequestId), ("account", job.AccountId), ("integration", job.IntegrationId), ("incident", job.IncidentNumber)));
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(job.AccountId, IncidentRows.IncidentRow(job.IncidentNumber), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } incident)
        {
            LogMissing(job.IncidentNumber);
            return;
        }
        var status = incident.GetString("Status");
        var team = job.TeamId ?? incident.GetString("TeamId") ?? "(no team)";
        string message;
        if (job.Kind == "triggered" && status != "open")
        {
            message = $"Not paged: the incident was already {status} when its page came due.";
            LogNotPaged(job.IncidentNumber, status);
        }
        else if (job.Kind == "triggered")
        {
            message = $"Would page team {team} (outbox: no escalation or channels configured).";
            LogWouldPage(job.IncidentNumber, team, ChunkedProperty.Read(incident, "Title"));
        }
        else
        {
            message = $"Paging stopped: incident {job.Kind}.";
            LogStopped(job.IncidentNumber, job.Kind);
        }
        var note = new TimelineNote(job.IncidentNumber, new EventOrder(job.At, job.JobId), "notification", message, "outbox", "klaxon");
        try
        {
            await _table.AddEntityAsync(IncidentRows.TimelineEntity(job.AccountId, note, job.JobId, 0, time.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // A redelivered job: it was recorded the first time.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} would page team {Team}: {Title}")]
    private partial void LogWouldPage(long incidentNumber, string team, string? title);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} not paged: already {Status}")]
    private partial void LogNotPaged(long incidentNumber, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} paging stopped ({Kind})")]
    private partial void LogStopped(long incidentNumber, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification for unknown incident #{IncidentNumber} dropped")]
    private partial void LogMissing(long incidentNumber);
}
