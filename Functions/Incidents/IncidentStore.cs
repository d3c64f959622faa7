using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Incidents;

/// <summary>
/// The incidents table as <see cref="IncidentApplier"/> uses it (row layout in <see cref="IncidentRows"/>): reads of key
/// state, incidents and applied-markers, and the commit of one decision as a single batch transaction that inserts the
/// event's marker and writes the key state with If-Match, so a redelivered event fails on the marker and a concurrent
/// writer on the key fails on its version.
/// </summary>
public sealed class IncidentStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    /// <summary>The dedup key's stored state and its version; null when the key has none yet.</summary>
    public async Task<(AlertKeyState State, RowVersion Version)?> ReadKeyStateAsync(string accountId, string keyRow, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, keyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } stored ? (IncidentRows.ReadKeyState(stored), stored.ETag.ToRowVersion()) : null;
    }

    /// <summary>The dedup key an existing incident belongs to; null when there is no such incident.</summary>
    public async Task<(string KeyRow, string IntegrationId, string AlertId)?> FindKeyAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } incident)
        {
            return null;
        }
        return (incident.GetString("KeyRow")!, incident.GetString("IntegrationId") ?? "", incident.GetString("DedupKey") ?? "");
    }

    /// <summary>What an existing incident says (title, description, details...), e.g. to copy into one split from it.</summary>
    public async Task<IncidentContent> ReadContentAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityAsync<TableEntity>(accountId, IncidentRows.IncidentRow(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        return IncidentRows.ReadContent(row.Value);
    }

    /// <summary>The jobs stored with the event's applied-marker (as committed), or null when the event was never applied.</summary>
    public async Task<string?> ReadAppliedJobsAsync(string accountId, string eventId, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, IncidentRows.MarkerRow(eventId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return marker.HasValue && marker.Value is { } entity ? entity.GetString("Jobs") ?? "[]" : null;
    }

    /// <summary>
    /// Adds one timeline line keyed by <paramref name="id"/> (see <see cref="IncidentRows.TimelineRow"/>); false when a
    /// line with that id was recorded before, so a redelivered job records it once.
    /// </summary>
    public async Task<bool> AddTimelineNoteAsync(string accountId, TimelineNote note, string id, DateTimeOffset recordedAt, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(IncidentRows.TimelineEntity(accountId, note, id, 0, recordedAt), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes the whole decision or nothing. The marker is operation 0 and the key state, when there is one, operation 1.
    /// Failures that mean "decide again" come back as a status; any other failure is thrown.
    /// </summary>
    public async Task<IncidentCommitResult> CommitAsync(IncidentCommit commit, CancellationToken cancellationToken)
    {
        var batch = Batch(commit);
        IReadOnlyList<Response> responses;
        try
        {
            responses = (await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (TableTransactionFailedException failure)
        {
            var failed = failure.FailedTransactionActionIndex;
            // The service reports the first failing operation; the marker is operation 0, so only a failure there (or
            // an unknown index) can mean this event was applied before.
            if ((failed is null or 0) && await ReadAppliedJobsAsync(commit.AccountId, commit.EventId, cancellationToken).ConfigureAwait(false) is { } jobs)
            {
                return new IncidentCommitResult(IncidentCommitStatus.AlreadyApplied, AppliedJobs: jobs);
            }
            if (failed is { } index && batch[index].Entity.RowKey.StartsWith(IncidentRows.IncidentRangeStart, StringComparison.Ordinal)
                && batch[index].ActionType == TableTransactionActionType.Add)
            {
                return new IncidentCommitResult(IncidentCommitStatus.NumberTaken);
            }
            if (failure.IsConflict())
            {
                return new IncidentCommitResult(IncidentCommitStatus.ConcurrencyConflict);
            }
            throw;
        }
        var written = commit.KeyState is not null && responses[1].Headers.ETag is { } etag ? etag.ToRowVersion() : (RowVersion?)null;
        return new IncidentCommitResult(IncidentCommitStatus.Committed, written);
    }

    private static List<TableTransactionAction> Batch(IncidentCommit commit)
    {
        var account = commit.AccountId;
        var marker = new TableEntity(account, IncidentRows.MarkerRow(commit.EventId))
        {
            ["AppliedAt"] = commit.AppliedAt,
            ["Jobs"] = commit.Jobs,
        };
        var batch = new List<TableTransactionAction> { new(TableTransactionActionType.Add, marker) };
        if (commit.KeyState is { } key)
        {
            var state = IncidentRows.KeyStateEntity(account, key.KeyRow, key.State, key.IntegrationId, key.AlertId);
            batch.Add(key.Expected is { } current
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, current.ToETag())
                : new TableTransactionAction(TableTransactionActionType.Add, state));
        }
        foreach (var write in commit.Incidents)
        {
            batch.Add(write.Opened is { } opened
                ? new TableTransactionAction(TableTransactionActionType.Add,
                    IncidentRows.NewIncidentEntity(account, write.Summary, opened.Content, opened.KeyRow, opened.IncidentId))
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, IncidentRows.SummaryEntity(account, write.Summary), ETag.All));
        }
        // After the incidents: a taken number fails on its incident row first, which is how NumberTaken is recognised.
        batch.AddRange(commit.Incidents.Where(write => write.Opened is not null).Select(write => new TableTransactionAction(
            TableTransactionActionType.Add, OpenedIndex.Entity(account, write.Summary, write.Opened!.Content))));
        batch.AddRange(commit.Timeline.Select((note, index) => new TableTransactionAction(
            TableTransactionActionType.Add, IncidentRows.TimelineEntity(account, note, commit.EventId, index, commit.AppliedAt))));
        if (commit.PayloadRow is { } payloadRow)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(account, payloadRow), ETag.All));
        }
        return batch;
    }
}
