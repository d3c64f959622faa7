using System.Globalization;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Incidents;

/// <summary>
/// Notes in the incidents table, beside their incident. A note is two rows written in one batch transaction: its
/// once-only marker <c>note|{number}|{id}</c> and its timeline line (kind <c>note</c>). A retry with the same id fails
/// on the marker and writes nothing, so the note is on the timeline once.
/// </summary>
public sealed class IncidentNoteLog(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    /// <summary>The id a note's timeline line is keyed by (so its row can be named before it is written).</summary>
    public static string TimelineEventId(string noteId) => "note:" + noteId;

    public static string MarkerRow(long number, string noteId) =>
        $"note|{number.ToString("D10", CultureInfo.InvariantCulture)}|{noteId}";

    /// <summary>Writes the note; when a note with this id exists, writes nothing and returns the stored one instead.</summary>
    public async Task<(bool Added, StoredNote Note)> AddAsync(string accountId, StoredNote note, string source, CancellationToken cancellationToken)
    {
        var marker = new TableEntity(accountId, MarkerRow(note.Number, note.Id))
        {
            ["At"] = note.At,
            ["User"] = note.User,
            ["Text"] = note.Text,
        };
        var line = new TimelineNote(note.Number, new EventOrder(note.At, note.Id), IncidentNoteRules.Kind, note.Text, source, note.User);
        var batch = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, marker),
            new(TableTransactionActionType.Add, IncidentRows.TimelineEntity(accountId, line, TimelineEventId(note.Id), 0, note.At)),
        };
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            return (true, note);
        }
        catch (TableTransactionFailedException exists) when (exists.Status == 409)
        {
            var stored = (await _table.GetEntityAsync<TableEntity>(accountId, marker.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return (false, new StoredNote(note.Number, note.Id, stored.GetString("User") ?? "", stored.GetString("Text") ?? "",
                stored.GetDateTimeOffset("At") ?? default));
        }
    }
}

/// <summary>One note as stored and answered.</summary>
/// <param name="Id">The client's id, or one Klaxon chose.</param>
/// <param name="At">When it was first recorded.</param>
public sealed record StoredNote(long Number, string Id, string User, string Text, DateTimeOffset At);
