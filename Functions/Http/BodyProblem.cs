using Klaxon.Common;
using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Http;

/// <summary>Why a request body was refused, in the order <see cref="JsonRequestReader"/> checks.</summary>
public enum BodyProblemKind
{
    /// <summary>The Content-Type is not JSON readable as UTF-8: 415.</summary>
    UnsupportedMediaType,

    /// <summary>The body is longer than the endpoint's limit: 413.</summary>
    TooLarge,

    /// <summary>The body is not valid JSON, or not the JSON shape the endpoint reads: 400.</summary>
    Invalid,
}

/// <summary>A refused request body: the kind (which decides the status) and the one field error answered.</summary>
public sealed record BodyProblem(BodyProblemKind Kind, FieldError Error)
{
    /// <summary>415, 413 or 400.</summary>
    public int StatusCode => Kind switch
    {
        BodyProblemKind.UnsupportedMediaType => 415,
        BodyProblemKind.TooLarge => 413,
        _ => 400,
    };

    /// <summary><c>{"status":"invalid","errors":[{"field":...,"message":...}]}</c> with <see cref="StatusCode"/>.</summary>
    public ContentResult ToResponse() => JsonResponses.Invalid(StatusCode, [Error]);

    /// <summary>The Content-Type header named and echoed back, so a sender sees what arrived.</summary>
    public static BodyProblem UnsupportedMediaType(string? contentType) => new(BodyProblemKind.UnsupportedMediaType,
        new FieldError("Content-Type", $"must be application/json (charset utf-8 if given), got '{contentType ?? "(none)"}'"));

    /// <summary><c>must be at most 524288 bytes (512 KiB)</c>: the exact limit, and its size for people when it is whole KiB or MiB.</summary>
    public static BodyProblem TooLarge(int maxBytes) => new(BodyProblemKind.TooLarge,
        new FieldError("body", $"must be at most {maxBytes} bytes{Readable(maxBytes)}"));

    /// <summary><c>must be valid JSON: </c> and the parser's reason.</summary>
    public static BodyProblem InvalidJson(string reason) => Invalid(new FieldError("body", $"must be valid JSON: {reason}"));

    public static BodyProblem Invalid(FieldError error) => new(BodyProblemKind.Invalid, error);

    private static string Readable(int bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $" ({bytes / (1024 * 1024)} MiB)",
        >= 1024 when bytes % 1024 == 0 => $" ({bytes / 1024} KiB)",
        _ => "",
    };
}
