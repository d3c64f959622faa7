using System.Text.Json;
using Klaxon.Common;
using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>Reads the body of a person's action on an incident: empty, or <c>{"user":"alice"}</c>.</summary>
public static class UserActionBody
{
    /// <summary>Largest body accepted: 16 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>
    /// The Content-Type is not checked: an empty body usually comes without one. Read with
    /// <see cref="JsonRequestReader"/>, so a body over <see cref="MaxBytes"/> is 413 and one that is not JSON is 400.
    /// </summary>
    /// <returns>The user id (null when the body is empty or has no <c>user</c>), or the problem with the body.</returns>
    public static async Task<UserAction> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var read = await JsonRequestReader.ReadAnyAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (read.Problem is { } tooLarge)
        {
            return new UserAction(null, tooLarge);
        }
        if (read.Bytes.Length == 0)
        {
            return new UserAction(null, null);
        }
        var json = JsonRequestReader.ParseJson(read.Bytes);
        if (json.Problem is { } invalid)
        {
            return new UserAction(null, invalid);
        }
        if (json.Root.ValueKind != JsonValueKind.Object)
        {
            return new UserAction(null, BodyProblem.Invalid(new FieldError("body", "must be a JSON object like {\"user\":\"alice\"}")));
        }
        if (!json.Root.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
        {
            return new UserAction(null, null);
        }
        return user.ValueKind == JsonValueKind.String
            ? new UserAction(user.GetString(), null)
            : new UserAction(null, BodyProblem.Invalid(new FieldError("user", "must be a string")));
    }
}

/// <summary>Who acts (<see cref="User"/>, null when the body names nobody), or why the body was refused.</summary>
public readonly record struct UserAction(string? User, BodyProblem? Problem);
