using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// Adds a person's note to an incident's timeline (management API and responder app). The one place notes are added:
/// anything that should follow a new note (such as publishing it to outgoing webhooks) belongs in
/// <see cref="AddAsync"/>, after the note is written.
/// </summary>
/// <remarks>
/// Notes are written directly, not through the events queue: they change no incident state, so ordering against
/// acknowledge and resolve does not matter, and the caller learns at once that the note is recorded. Notes are
/// allowed on incidents in every state, resolved included (write-ups after the fact).
/// </remarks>
public sealed class IncidentNotes(AccountStore accounts, IncidentReader reader, IncidentNoteLog log, TimeProvider time, IIncidentEventPublisher? incidentEvents = null)
{
    /// <param name="noteId">The client's id for the note (a retry with the same id records it once); null: a new id.</param>
    /// <param name="source">Where it was written: <c>api</c> or <c>web</c>; shown on the timeline.</param>
    public async Task<NoteResult> AddAsync(
        string accountId, long number, string? user, string? text, string? noteId, string source, CancellationToken cancellationToken)
    {
        var errors = IncidentNoteRules.Check(user, text, noteId);
        if (errors.Count > 0)
        {
            return NoteResult.Invalid(errors);
        }
        var config = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        var incident = await reader.GetAsync(accountId, number, cancellationToken, withTimeline: false).ConfigureAwait(false);
        if (config is null || incident is null)
        {
            return NoteResult.NotFound;
        }
        if (config.FindUser(user!) is null)
        {
            return NoteResult.Invalid([new FieldError("user", $"must be a user id of account {accountId}; '{user}' is not one")]);
        }
        var note = new StoredNote(number, noteId ?? Guid.NewGuid().ToString(), user!, text!, time.GetUtcNow());
        if (incidentEvents is not null)
        {
            // Before the write, as the applier does: a retry of a note already recorded announces a line that never
            // appears, which the listener drops, so the note is announced once.
            var row = IncidentRows.TimelineRow(number, note.At, IncidentNoteLog.TimelineEventId(note.Id), 0);
            await incidentEvents.PublishAsync([new IncidentEventNotice(accountId, number, IncidentEventKind.NoteAdded, row, note.Id)], cancellationToken)
                .ConfigureAwait(false);
        }
        var (added, stored) = await log.AddAsync(accountId, note, source, cancellationToken).ConfigureAwait(false);
        return new NoteResult(added ? NoteOutcome.Added : NoteOutcome.AlreadyAdded, stored, []);
    }
}

/// <summary>What became of a note.</summary>
public enum NoteOutcome
{
    /// <summary>Recorded now.</summary>
    Added,

    /// <summary>A note with this id was recorded before; <see cref="NoteResult.Note"/> is that note, unchanged.</summary>
    AlreadyAdded,

    /// <summary>The account or the incident does not exist.</summary>
    NotFound,

    /// <summary>See <see cref="NoteResult.Errors"/>.</summary>
    Invalid,
}

/// <summary>The outcome of <see cref="IncidentNotes.AddAsync"/>.</summary>
public sealed record NoteResult(NoteOutcome Outcome, StoredNote? Note, IReadOnlyList<FieldError> Errors)
{
    public static NoteResult NotFound { get; } = new(NoteOutcome.NotFound, null, []);

    public static NoteResult Invalid(IReadOnlyList<FieldError> errors) => new(NoteOutcome.Invalid, null, errors);
}
