using System.Text.Json;
using Klaxon.Common;
using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Http;

/// <summary>
/// JSON answers as plain content results, serialized with <see cref="KlaxonJson.Options"/>, so the Functions host and
/// DevHost produce byte-identical responses without depending on MVC formatter configuration.
/// </summary>
public static class JsonResponses
{
    public static ContentResult Json(int statusCode, object body) => new()
    {
        StatusCode = statusCode,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(body, body.GetType(), KlaxonJson.Options),
    };

    /// <summary>
    /// <c>{"status":"invalid","errors":[{"field":...,"message":...}]}</c>, for 400, 413 and 415; at most
    /// <see cref="FieldErrors.MaxListed"/> errors, each shortened (<see cref="FieldErrors.Bounded"/>).
    /// </summary>
    public static ContentResult Invalid(int statusCode, IEnumerable<FieldError> errors) =>
        Json(statusCode, new InvalidBody("invalid", FieldErrors.Bounded(errors)));

    public static ContentResult Invalid(int statusCode, string field, string message) =>
        Invalid(statusCode, [new FieldError(field, message)]);

    /// <summary><c>{"status":"not_found"}</c>.</summary>
    public static ContentResult NotFound() => Json(404, new StatusBody("not_found"));
}

/// <summary><c>{"status":"invalid","errors":[...]}</c>.</summary>
public sealed record InvalidBody(string Status, IReadOnlyList<FieldError> Errors);

/// <summary><c>{"status":"..."}</c>.</summary>
public sealed record StatusBody(string Status);
