using Klaxon.Accounts;
using System.Text.Json;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Incidents;

/// <summary>
/// <c>POST api/accounts/{accountId}/incidents/{number}/notes</c> (a responder or admin key of the account): <c>{"user","text"[,"id"]}</c> adds a
/// note to the incident's timeline. 201 when added, 200 when a note with the same <c>id</c> was added before (the
/// stored note is answered), 400 naming the field, 404 for an unknown account or incident.
/// </summary>
public sealed class IncidentNotesFunction(IncidentNotes notes, ApiAccess access)
{
    /// <summary>
    /// Largest body: 32 KiB, room for a 4 KiB note written entirely in JSON escapes (up to six bytes per byte of
    /// text would be 24 KiB) plus the other fields.
    /// </summary>
    public const int MaxBodyBytes = 32 * 1024;

    [Function("AddIncidentNote")]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/accounts/{accountId}/incidents/{number}/notes")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.Responder, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value))
        {
            return JsonResponses.NotFound();
        }
        var body = await NoteBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var result = await notes.AddAsync(accountId, value, body.User, body.Text, body.Id, "api", cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            NoteOutcome.Added => JsonResponses.Json(201, NoteAnswer.Of("added", result.Note!)),
            NoteOutcome.AlreadyAdded => JsonResponses.Json(200, NoteAnswer.Of("already_added", result.Note!)),
            NoteOutcome.Invalid => JsonResponses.Invalid(400, result.Errors),
            _ => JsonResponses.NotFound(),
        };
    }
}

/// <summary>The answer to a note: <c>{"status","number","id","user","text","at"}</c>.</summary>
public sealed record NoteAnswer(string Status, long Number, string Id, string User, string Text, DateTimeOffset At)
{
    public static NoteAnswer Of(string status, StoredNote note) => new(status, note.Number, note.Id, note.User, note.Text, note.At);
}

/// <summary>Reads <c>{"user","text","id"}</c> (each optional here; the rules say which are required), or the answer refusing it.</summary>
public readonly record struct NoteBody(string? User, string? Text, string? Id, IActionResult? Problem)
{
    /// <summary>415/413/400 for the body as a whole (<see cref="JsonRequestReader"/>); 400 naming each field that is not a string.</summary>
    public static async Task<NoteBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var json = await JsonRequestReader.ReadJsonAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        if (json.Problem is { } problem)
        {
            return new NoteBody(null, null, null, problem.ToResponse());
        }
        if (json.Root.ValueKind != JsonValueKind.Object)
        {
            return new NoteBody(null, null, null, JsonResponses.Invalid(400, "body", "must be a JSON object like {\"user\":\"alice\",\"text\":\"...\"}"));
        }
        var errors = new List<FieldError>();
        var user = JsonFields.OptionalString(json.Root, "user", errors);
        var text = JsonFields.OptionalString(json.Root, "text", errors);
        var id = JsonFields.OptionalString(json.Root, "id", errors);
        return errors.Count > 0 ? new NoteBody(null, null, null, JsonResponses.Invalid(400, errors)) : new NoteBody(user, text, id, null);
    }
}
