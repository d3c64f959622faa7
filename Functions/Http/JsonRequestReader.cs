using System.Text.Json;
using Klaxon.Common;
using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>
/// The one way functions read a request body, so every endpoint refuses a bad one alike, in this order: 415 when the
/// Content-Type is not JSON (<see cref="JsonContentType"/>), 413 when the body is longer than the endpoint's limit
/// (a declared Content-Length over it is refused unread; otherwise it is read with <see cref="BoundedBody"/>, which
/// stops one byte past the limit whatever the header said), 400 when it is not valid JSON. A body of exactly the limit
/// is accepted. Each refusal is one <see cref="BodyProblem"/>; endpoints with a parser of their own (webhook events,
/// account documents) take the bytes and report that parser's 400s.
/// </summary>
public static class JsonRequestReader
{
    /// <summary>415 unless the request says JSON, 413 over <paramref name="maxBytes"/>; otherwise the bytes.</summary>
    public static Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReadAsync(request.ContentType, request.ContentLength, request.Body, maxBytes, cancellationToken);
    }

    /// <summary>
    /// The same checks on a request already stripped of HTTP plumbing (the webhook intake, which answers 404 to
    /// strangers before it looks at the body).
    /// </summary>
    public static async Task<RequestBody> ReadAsync(
        string? contentType, long? contentLength, Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        if (!JsonContentType.IsJson(contentType))
        {
            return new RequestBody(default, BodyProblem.UnsupportedMediaType(contentType));
        }
        return await ReadAnyAsync(contentLength, body, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Only the size check (413), for bodies whose Content-Type is not checked: forms, bodies that may be empty and so
    /// come without one (a person's action), and senders that are verified by signature instead.
    /// </summary>
    public static Task<RequestBody> ReadAnyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReadAnyAsync(request.ContentLength, request.Body, maxBytes, cancellationToken);
    }

    /// <inheritdoc cref="ReadAnyAsync(HttpRequest, int, CancellationToken)"/>
    public static async Task<RequestBody> ReadAnyAsync(long? contentLength, Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > maxBytes
            || await BoundedBody.ReadAsync(body, maxBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return new RequestBody(default, BodyProblem.TooLarge(maxBytes));
        }
        return new RequestBody(bytes, null);
    }

    /// <summary>415, 413 or 400 (invalid JSON); otherwise the parsed document's root.</summary>
    public static async Task<JsonRequestBody> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        return read.Problem is { } problem ? new JsonRequestBody(default, problem) : ParseJson(read.Bytes);
    }

    /// <summary>
    /// The body as JSON (default <see cref="JsonDocument"/> rules: no comments or trailing commas), or 400 with the
    /// parser's reason. The root is a copy that outlives the document, so there is nothing to dispose.
    /// </summary>
    public static JsonRequestBody ParseJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            // Every string read later would throw on it: refuse the body here, once for every route.
            return JsonText.HasUnpairedSurrogate(body.Span)
                ? new JsonRequestBody(default, BodyProblem.InvalidJson(JsonText.UnpairedSurrogateRule))
                : new JsonRequestBody(document.RootElement.Clone(), null);
        }
        catch (JsonException invalid)
        {
            return new JsonRequestBody(default, BodyProblem.InvalidJson(invalid.Message));
        }
    }
}

/// <summary>A body read within its limit (<see cref="Bytes"/>), or why it was refused (<see cref="Problem"/>).</summary>
public readonly record struct RequestBody(ReadOnlyMemory<byte> Bytes, BodyProblem? Problem);

/// <summary>A body parsed as JSON (<see cref="Root"/>), or why it was refused (<see cref="Problem"/>).</summary>
public readonly record struct JsonRequestBody(JsonElement Root, BodyProblem? Problem);
