using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>
/// Reading an inbound body as one strict JSON object, shared by every integration format's parser, so that every
/// format answers a bad body (too large, not UTF-8, not JSON, not an object, a bad escape) with the same errors on
/// <c>body</c>, and keeps unknown data the same way.
/// </summary>
public static class JsonBody
{
    // Strict JSON: senders that rely on comments or trailing commas would break on other receivers anyway.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 64,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// Reads a UTF-8 body (a leading BOM is allowed) of at most <see cref="WebhookLimits.MaxBodyBytes"/> into a
    /// detached JSON object. False with one error on <c>body</c> otherwise. Never throws for bad input.
    /// </summary>
    public static bool TryReadObject(ReadOnlyMemory<byte> utf8Body, out JsonElement root, out FieldError error)
    {
        root = default;
        error = null!;
        if (utf8Body.Length > WebhookLimits.MaxBodyBytes)
        {
            error = BodyError($"must be at most {WebhookLimits.MaxBodyBytes} bytes (got {utf8Body.Length})");
            return false;
        }

        // JsonDocument rejects a BOM, but some senders (notably .NET and PowerShell clients) write one.
        var json = utf8Body.Span.StartsWith("\uFEFF"u8) ? utf8Body[3..] : utf8Body;
        if (json.IsEmpty)
        {
            error = BodyError("must be valid JSON: the body is empty");
            return false;
        }

        // JsonDocument only notices bad UTF-8 when a string is read, so check up front for a clear message.
        if (!Utf8.IsValid(json.Span))
        {
            error = BodyError("must be valid JSON: the body is not valid UTF-8");
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            // Clone so the element (and the JsonValues in details that wrap parts of it) outlive the pooled document.
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = BodyError($"must be valid JSON: {Describe(ex)}");
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = BodyError($"must be a JSON object, got {KindName(root.ValueKind)}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Runs a parser over a body read by <see cref="TryReadObject"/>. The UTF-8 is valid, so the only way reading a
    /// string fails is an escape like <c>"\ud800"</c> with no pair: that becomes an error on <c>body</c>.
    /// </summary>
    public static T Guard<T>(Func<T> parse, Func<IEnumerable<FieldError>, T> failure)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(failure);
        try
        {
            return parse();
        }
        catch (InvalidOperationException)
        {
            return failure([BodyError("must be valid JSON: a string contains an unpaired UTF-16 surrogate escape")]);
        }
    }

    /// <summary>
    /// Copies a value into a JsonNode eagerly. JsonObject.Create(element) would defer reading, so a nested duplicate
    /// name would throw later in someone else's code; here it becomes an error at its JSON path (names in nested
    /// objects are opaque data, so only exact duplicates count).
    /// </summary>
    public static JsonNode? ToNode(JsonElement value, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return ToNode(value, new PathSegment(null, path, -1), errors);
    }

    /// <summary>
    /// Paths are built only for the errors reported: a body of 60,000 items under a 64 Ki-character key used to build
    /// a string of that key for every item (seconds of work and gigabytes of garbage for one request).
    /// </summary>
    private static JsonNode? ToNode(JsonElement value, PathSegment path, List<FieldError> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    var child = new PathSegment(path, property.Name, -1);
                    if (!obj.TryAdd(property.Name, ToNode(property.Value, child, errors)))
                    {
                        errors.Add(new(child.ToString(), "appears more than once"));
                    }
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(ToNode(item, new PathSegment(path, null, index++), errors));
                }
                return array;
            case JsonValueKind.String:
                // Read strings now so a bad escape is caught here rather than when details are used.
                return JsonValue.Create(value.GetString());
            case JsonValueKind.Null:
                return null;
            default:
                // Numbers and booleans keep their exact original text (e.g. 1.0, 1e3).
                return JsonValue.Create(value);
        }
    }

    /// <summary>One step of a JSON path (a property name, or an array index when <paramref name="Name"/> is null), written out only when asked.</summary>
    private sealed record PathSegment(PathSegment? Parent, string? Name, int Index)
    {
        public override string ToString() =>
            Parent is null ? Name ?? ""
            : Name is null ? $"{Parent}[{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"
            : $"{Parent}.{Name}";
    }

    /// <summary>A string field of any sender format: absent or null is fine unless required; blank is absent when optional, an error when required.</summary>
    /// <param name="maxLength">Longest accepted, in UTF-16 units; default unlimited.</param>
    public static string? Text(JsonElement parent, string name, string path, bool required, List<FieldError> errors, int maxLength = int.MaxValue)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new(path, "is required"));
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(path, $"must be a string, got {KindName(value.ValueKind)}"));
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(new(path, $"must be at most {maxLength} characters (got {text.Length})"));
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new(path, "must not be empty"));
            }
            return null;
        }
        return text;
    }

    /// <summary>The JSON kind as the error messages name it: object, array, string, number, boolean or null.</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static FieldError BodyError(string message) => new("body", message);

    /// <summary>The reader's reason plus a 1-based line and byte position, minus advice meant for developers.</summary>
    private static string Describe(JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }
        reason = reason.Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd('.');
        return ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? $"{reason} (line {line + 1}, byte {position + 1})"
            : reason;
    }
}
