using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Storage;

namespace Klaxon.Escalation;

/// <summary>
/// Each incident's escalation state, in the incidents table beside the incident (<c>esc|{number}</c>), so a state
/// change and its timeline entries commit in one batch transaction, conditional on the state's ETag (handed out as a
/// <see cref="RowVersion"/>).
/// </summary>
public sealed class EscalationStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.IncidentsTable);

    public static string Row(long number) => "esc|" + number.ToString("D10", CultureInfo.InvariantCulture);

    public async Task<(EscalationState State, RowVersion Version)?> LoadAsync(string accountId, long number, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(accountId, Row(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }
        var state = JsonSerializer.Deserialize<EscalationState>(ChunkedProperty.Read(entity, "State")!, KlaxonJson.Options)
            ?? throw new InvalidDataException($"Empty escalation state for #{number} of {accountId}.");
        return (state, entity.ETag.ToRowVersion());
    }

    /// <summary>
    /// Saves the state (inserted when <paramref name="version"/> is null, else replaced if unchanged since it was read
    /// at that version) together with its timeline notes. When another writer got there first, nothing is written and
    /// the outcome is <see cref="WriteOutcome.ConcurrencyConflict"/>.
    /// </summary>
    public async Task<WriteOutcome> SaveAsync(EscalationState state, RowVersion? version, IReadOnlyList<EscalationNote> notes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = Entity(state);
        var batch = new List<TableTransactionAction>
        {
            version is { } current
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ToETag())
                : new TableTransactionAction(TableTransactionActionType.Add, entity),
        };
        batch.AddRange(TimelineLines(state, notes).Select(line => new TableTransactionAction(TableTransactionActionType.Add, IncidentRows.TimelineEntity(
            state.AccountId, line.Note, line.WriteId, line.Index, now))));
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            return WriteOutcome.Written;
        }
        catch (TableTransactionFailedException conflict) when (conflict.IsConflict())
        {
            return WriteOutcome.ConcurrencyConflict;
        }
    }

    /// <summary>
    /// The timeline lines a save writes for <paramref name="notes"/>, with their row keys. A page is on the timeline once,
    /// when delivery hands it to a provider or the outbox ("Paged alice by sms (twilio …)"), or says why it did not; the
    /// escalation's own "Paged" note goes to the log only.
    /// </summary>
    public static IEnumerable<(EscalationNote Source, TimelineNote Note, string WriteId, int Index, string Row)> TimelineLines(EscalationState state, IReadOnlyList<EscalationNote> notes)
    {
        var writeId = "esc" + state.Version.ToString(CultureInfo.InvariantCulture);
        return notes.Where(note => note.Kind != EscalationNoteKind.Paged).Select((note, index) =>
        {
            var line = new TimelineNote(state.IncidentNumber, new EventOrder(note.At, writeId), Kind(note.Kind), note.Message, "escalation", "klaxon");
            return (note, line, writeId, index, IncidentRows.TimelineRow(state.IncidentNumber, note.At, writeId, index));
        });
    }

    /// <summary>The row holding <paramref name="state"/> (also used by the benchmark to seed many at once).</summary>
    public static TableEntity Entity(EscalationState state)
    {
        var entity = new TableEntity(state.AccountId, Row(state.IncidentNumber))
        {
            ["Status"] = state.Status.ToString(),
            ["Version"] = state.Version,
            ["NextDueAt"] = EscalationEngine.NextDueAt(state),
        };
        ChunkedProperty.WriteUtf8(entity, "State", JsonSerializer.SerializeToUtf8Bytes(state, KlaxonJson.Options));
        return entity;
    }

    /// <summary><c>LayerStarted</c> → <c>layer_started</c>, like the other timeline kinds.</summary>
    private static string Kind(EscalationNoteKind kind) => KindNames.TryGetValue(kind, out var name) ? name : SnakeCase(kind);

    // Built once: every timeline line of every escalation save asks, and spelling it out allocates a string per letter.
    private static readonly Dictionary<EscalationNoteKind, string> KindNames = Enum.GetValues<EscalationNoteKind>().Distinct().ToDictionary(kind => kind, SnakeCase);

    private static string SnakeCase(EscalationNoteKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
