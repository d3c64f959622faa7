using System.Text.Json;
using Klaxon.Common;
using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>Reads the body of a person's action on an incident: empty, or <c>{"user":"alice"}</c>.</summary>
public static class UserActionBody
{
    /// <summary>Largest body accepted: 16 KiB.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <returns>The user id (null when the body is empty or has no <c>user</c>), or the problem with the body and the
    /// status to answer it with (413 when too large, else 400).</returns>
    public static async Task<(string? User, FieldError? Error, int ErrorStatus)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await BoundedBody.ReadAsync(request.Body, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return (null, new FieldError("body", $"must be at most {MaxBytes} bytes"), 413);
        }
        if (body.Length == 0)
        {
            return (null, null, 0);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new FieldError("body", "must be a JSON object like {\"user\":\"alice\"}"), 400);
            }
            if (!document.RootElement.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
            {
                return (null, null, 0);
            }
            return user.ValueKind == JsonValueKind.String ? (user.GetString(), null, 0) : (null, new FieldError("user", "must be a string"), 400);
        }
        catch (JsonException invalid)
        {
            return (null, new FieldError("body", $"must be valid JSON: {invalid.Message}"), 400);
        }
    }
}
