using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Storage;
using Microsoft.Extensions.Logging;

namespace Klaxon.Notifications;

/// <summary>
/// The default sender while no channel is configured: records on the incident's timeline, and logs, the page it
/// would send ("page alice by sms for #42"). Re-reads the incident first and never pages for one that is no longer
/// open, because a page can be older than the acknowledge that overtook it. The timeline row is keyed by the page id,
/// so a redelivered page is recorded once.
/// </summary>
public sealed partial class OutboxPageSender(TableServiceClient tables, TimeProvider time, ILogger<OutboxPageSender> logger) : IPageSender
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public async Task SendAsync(NotificationJob page, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new LogScope(("request_id", page.RequestId), ("account", page.AccountId), ("incident", page.IncidentNumber)));
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(page.AccountId, IncidentRows.IncidentRow(page.IncidentNumber), select: ["Status"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } incident)
        {
            return;
        }
        var status = incident.GetString("Status");
        string message;
        if (status != "open")
        {
            message = $"Not paged {page.UserId} by {page.Channel}: the incident was already {status}.";
            LogNotPaged(page.IncidentNumber, page.UserId, page.Channel, status);
        }
        else
        {
            message = $"Paged {page.UserId} by {page.Channel} (outbox: no {page.Channel} provider configured).";
            LogPage(page.IncidentNumber, page.UserId, page.Channel);
        }
        var note = new TimelineNote(page.IncidentNumber, new EventOrder(page.At, page.JobId), status == "open" ? "page" : "not_paged", message, "outbox", "klaxon");
        try
        {
            await _table.AddEntityAsync(IncidentRows.TimelineEntity(page.AccountId, note, page.JobId, 0, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // A redelivered page: it was recorded the first time.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} page {User} by {Channel} (outbox)")]
    private partial void LogPage(long incidentNumber, string? user, string? channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "#{IncidentNumber} not paging {User} by {Channel}: already {Status}")]
    private partial void LogNotPaged(long incidentNumber, string? user, string? channel, string? status);
}
