using System.Text;
using System.Text.RegularExpressions;
using Klaxon.Common;

namespace Klaxon.Incidents;

/// <summary>
/// What a note on an incident's timeline may hold: who wrote it (a user id, checked against the account by the caller),
/// its text, and an optional id the client chooses so a retried request records the note once.
/// </summary>
public static partial class IncidentNoteRules
{
    /// <summary>Longest note text: 4,096 bytes of UTF-8 (4 KiB), so a note fits one table property many times over.</summary>
    public const int MaxTextBytes = 4 * 1024;

    /// <summary>The timeline kind of a note.</summary>
    public const string Kind = "note";

    /// <summary>The rule for <c>id</c>.</summary>
    public const string IdRule = "must be 1 to 64 letters, digits, '_', '.', ':' or '-' (your own id for this note, so a retry records it once)";

    /// <summary>Every problem with the parts of a note that need no account to check, each naming its field.</summary>
    public static IReadOnlyList<FieldError> Check(string? user, string? text, string? id)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(user))
        {
            errors.Add(new FieldError("user", "is required: the id of the user writing the note"));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("text", "is required and must not be blank"));
        }
        else if (Encoding.UTF8.GetByteCount(text) is var bytes && bytes > MaxTextBytes)
        {
            errors.Add(new FieldError("text", $"must be at most {MaxTextBytes} bytes of UTF-8 (4 KiB); it is {bytes}"));
        }
        if (id is not null && !NoteId().IsMatch(id))
        {
            errors.Add(new FieldError("id", IdRule));
        }
        return errors;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,64}\z")]
    private static partial Regex NoteId();
}
