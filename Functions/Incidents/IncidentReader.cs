using System.Text;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Incidents;

/// <summary>Reads incidents for the management API.</summary>
public sealed class IncidentReader(TableServiceClient tables)
{
    /// <summary>Page size when the caller gives none.</summary>
    public const int DefaultLimit = 25;

    /// <summary>Largest page a caller may ask for (the Table service returns at most 1,000 rows per page).</summary>
    public const int MaxLimit = 200;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    /// <param name="withTimeline">Also read the timeline (a range query). Callers that only check the incident skip it.</param>
    public async Task<Incident?> GetAsync(string accountId, long number, CancellationToken cancellationToken, bool withTimeline = true)
    {
        if (number is < 1 or > IncidentRows.MaxNumber)
        {
            return null;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        if (!withTimeline)
        {
            return IncidentRows.ReadIncident(entity);
        }
        var prefix = IncidentRows.TimelinePrefix(number);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var timeline = new List<TimelineEntry>();
        await foreach (var line in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            timeline.Add(IncidentRows.ReadTimeline(line));
        }
        return IncidentRows.ReadIncident(entity, timeline);
    }

    /// <summary>One timeline line by its row key (see <see cref="IncidentRows.TimelineRow"/>); null when no such line was written.</summary>
    public async Task<TimelineEntry?> GetTimelineLineAsync(string accountId, string timelineRow, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, timelineRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? IncidentRows.ReadTimeline(entity) : null;
    }

    /// <summary>
    /// Only the incident's team and urgency as stored (escalation needs them to start when a job lacks them); null when
    /// there is no such incident. Reads two properties rather than the whole row.
    /// </summary>
    public async Task<(string? TeamId, string? Urgency)?> GetTeamAndUrgencyAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, IncidentRows.IncidentRow(number), select: ["TeamId", "Urgency"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? (entity.GetString("TeamId"), entity.GetString("Urgency")) : null;
    }

    /// <summary>
    /// Newest first. A page can hold fewer than <paramref name="limit"/> items and still have a continuation when a
    /// status filter skips rows; keep following the continuation until it is null.
    /// </summary>
    public async Task<IncidentPage> ListAsync(string accountId, IncidentStatus? status, int limit, string? continuation, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {IncidentRows.IncidentRangeStart} and RowKey lt {IncidentRows.IncidentRangeEnd}");
        if (status is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {wanted.ToWire()}");
        }
        var token = DecodeContinuation(continuation);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken)
            .AsPages(token, limit).ConfigureAwait(false))
        {
            return new IncidentPage([.. page.Values.Select(entity => IncidentRows.ReadIncident(entity))], EncodeContinuation(page.ContinuationToken));
        }
        return new IncidentPage([], null);
    }

    /// <summary>
    /// True when <paramref name="continuation"/> has the shape of one this API hands out:
    /// base64url of the table's "next partition, next row" pair.
    /// Anything else used to reach the table service as a malformed request and come back as a 500.
    /// </summary>
    public static bool IsValidContinuation(string? continuation)
    {
        if (continuation is null)
        {
            return true;
        }
        try
        {
            // The table service's own tokens are opaque (Azure and Azurite spell them differently): two header-safe parts.
            return DecodeContinuation(continuation) is { } token && token.Split(' ') is [{ Length: > 0 } partition, { Length: > 0 } row]
                && IsHeaderSafe(partition) && IsHeaderSafe(row);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsHeaderSafe(string part) => part.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0;

    private static string? EncodeContinuation(string? token) =>
        token is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeContinuation(string? continuation)
    {
        if (string.IsNullOrEmpty(continuation))
        {
            return null;
        }
        var base64 = continuation.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }
}

public sealed record IncidentPage(IReadOnlyList<Incident> Items, string? Continuation);
