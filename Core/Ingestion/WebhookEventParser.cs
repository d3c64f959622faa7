using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>
/// Parses and validates the body of an incoming webhook (PagerTree-compatible), e.g.
/// <c>{"event_type":"create","Id":"disk-full-db1","Title":"Disk full","Description":"db1 /var at 98%","Urgency":"critical","Tags":["db"],"host":"db1"}</c>.
/// </summary>
/// <remarks>
/// <para>Known fields (<c>event_type</c>, <c>Id</c>, <c>Title</c>, <c>Description</c>, <c>Urgency</c>, <c>Tags</c>) match
/// case-insensitively; every other top-level property goes to <see cref="WebhookEvent.Details"/>.
/// Any top-level name that appears twice, ignoring case, is an error for that name and the value is not used.</para>
/// <para>As lenient as PagerTree's own adapter: <c>Id</c> may be a string or a number and may be left out on
/// <c>create</c> (one is generated), only <c>Title</c> is required to open an incident, <c>Description</c> is optional,
/// <c>Urgency</c> includes <c>silent</c>, and nested objects and arrays are kept in details.</para>
/// <para>Every problem is reported at once, so a sender can fix a body in one round trip. JSON <c>null</c> in an
/// optional field means absent (many senders fill unused fields with null); in a required field it is a wrong type.
/// Lengths are UTF-16 chars (see <see cref="WebhookLimits"/>).</para>
/// </remarks>
public static class WebhookEventParser
{
    private const string EventTypeField = "event_type";
    private const string IdField = "Id";
    private const string TitleField = "Title";
    private const string DescriptionField = "Description";
    private const string UrgencyField = "Urgency";
    private const string TagsField = "Tags";

    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        EventTypeField, IdField, TitleField, DescriptionField, UrgencyField, TagsField,
    };

    /// <summary>Parses a UTF-8 body (a leading BOM is allowed). Never throws for bad input; see <see cref="WebhookParseResult.Errors"/>.</summary>
    public static WebhookParseResult Parse(ReadOnlyMemory<byte> utf8Body) => Parse(utf8Body, Guid.NewGuid().ToString());

    /// <summary>
    /// Parses a UTF-8 body; a <c>create</c> without an <c>Id</c> gets <paramref name="generatedId"/> (the intake passes the
    /// request id, so the key a sender is answered is also the one in the logs).
    /// </summary>
    public static WebhookParseResult Parse(ReadOnlyMemory<byte> utf8Body, string generatedId)
    {
        ArgumentException.ThrowIfNullOrEmpty(generatedId);
        return JsonBody.TryReadObject(utf8Body, out var root, out var bodyError)
            ? JsonBody.Guard(() => ParseObject(root, generatedId), WebhookParseResult.Failure)
            : WebhookParseResult.Failure([bodyError]);
    }

    private static WebhookParseResult ParseObject(JsonElement body, string generatedId)
    {
        var errors = new List<FieldError>();
        var fields = CollectUniqueProperties(body, errors, out var repeated);

        JsonElement? Field(string name) => fields.TryGetValue(name, out var property) ? property.Value : null;

        // A repeated field already has its error; "is required" on top would be noise.
        string? ReadString(string name, bool required, int maxLength = int.MaxValue)
        {
            var value = Field(name);
            if (value is null || (!required && value.Value.ValueKind == JsonValueKind.Null))
            {
                if (required && !repeated.Contains(name))
                {
                    errors.Add(new(name, "is required"));
                }
                return null;
            }
            if (value.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(name, $"must be a string, got {JsonBody.KindName(value.Value.ValueKind)}"));
                return null;
            }
            var text = value.Value.GetString()!;
            if (text.Length > maxLength)
            {
                errors.Add(new(name, $"must be at most {maxLength} characters (got {text.Length})"));
                return null;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                // Optional text that is blank carries no information, so treat it as absent.
                if (required)
                {
                    errors.Add(new(name, "must not be empty"));
                }
                return null;
            }
            return text;
        }

        WebhookEventType? eventType = null;
        if (ReadString(EventTypeField, required: true) is { } typeText)
        {
            if (WireNames.TryParse<WebhookEventType>(typeText, out var parsed, lenient: true))
            {
                eventType = parsed;
            }
            else
            {
                errors.Add(new(EventTypeField, $"must be one of {WireNames.Allowed<WebhookEventType>()}"));
            }
        }

        // The Title is only required to open an incident, and only there may the Id be left out. When event_type itself
        // is bad we cannot tell, so we only check their type and length rather than guess.
        var isCreate = eventType == WebhookEventType.Create;
        var id = ReadId(Field(IdField), required: eventType is not null && !isCreate, repeated.Contains(IdField), errors);
        var title = ReadString(TitleField, required: isCreate, WebhookLimits.MaxTitleLength);
        // Optional everywhere (PagerTree's senders often leave it out): on create, absent or blank is empty.
        var description = ReadString(DescriptionField, required: false, WebhookLimits.MaxDescriptionLength) ?? (isCreate ? "" : null);

        var urgency = ReadUrgency(Field(UrgencyField), errors);
        var tags = ReadTags(Field(TagsField), errors);
        var details = ReadDetails(fields, errors);

        if (errors.Count > 0)
        {
            return WebhookParseResult.Failure(errors);
        }
        var generated = id is null;
        return WebhookParseResult.Success(new WebhookEvent(eventType!.Value, id ?? generatedId, title, description, urgency, tags, details, generated));
    }

    /// <summary>
    /// The <c>Id</c>: a string kept exactly, or a number whose JSON text is the key (PagerTree senders send both). Null
    /// when absent (or null) and not required, so the caller generates one.
    /// </summary>
    private static string? ReadId(JsonElement? value, bool required, bool repeated, List<FieldError> errors)
    {
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            if (required && !repeated)
            {
                errors.Add(new(IdField, "is required"));
            }
            return null;
        }
        string text;
        if (value.Value.ValueKind == JsonValueKind.Number)
        {
            text = value.Value.GetRawText();
        }
        else if (value.Value.ValueKind == JsonValueKind.String)
        {
            text = value.Value.GetString()!;
        }
        else
        {
            errors.Add(new(IdField, $"must be a string or a number, got {JsonBody.KindName(value.Value.ValueKind)}"));
            return null;
        }
        if (text.Length > WebhookLimits.MaxIdLength)
        {
            errors.Add(new(IdField, $"must be at most {WebhookLimits.MaxIdLength} characters (got {text.Length})"));
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            // A blank key is a sender's bug, not a request for a generated one: two of them would merge.
            errors.Add(new(IdField, "must not be empty"));
            return null;
        }
        return text;
    }

    /// <summary>
    /// Returns the top-level properties whose name (ignoring case) appears exactly once, in body order, keyed
    /// case-insensitively. Each repeated name gets one "appears more than once" error, under the canonical name
    /// for known fields and the first spelling seen otherwise, and none of its values are used.
    /// </summary>
    private static OrderedDictionary<string, JsonProperty> CollectUniqueProperties(
        JsonElement body, List<FieldError> errors, out HashSet<string> repeated)
    {
        var firstSeen = new OrderedDictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
        repeated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (!firstSeen.TryAdd(property.Name, property) && repeated.Add(property.Name))
            {
                var field = KnownFields.TryGetValue(property.Name, out var canonical) ? canonical : firstSeen[property.Name].Name;
                errors.Add(new(field, "appears more than once"));
            }
        }

        // Filter in one pass at the end: removing from an OrderedDictionary as we go would be O(n) per duplicate.
        var unique = new OrderedDictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, property) in firstSeen)
        {
            if (!repeated.Contains(name))
            {
                unique.Add(name, property);
            }
        }
        return unique;
    }

    private static Urgency? ReadUrgency(JsonElement? value, List<FieldError> errors)
    {
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.Value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(UrgencyField, $"must be a string, got {JsonBody.KindName(value.Value.ValueKind)}"));
            return null;
        }
        if (!WireNames.TryParse<Urgency>(value.Value.GetString(), out var urgency, lenient: true))
        {
            errors.Add(new(UrgencyField, $"must be one of {WireNames.Allowed<Urgency>()}"));
            return null;
        }
        return urgency;
    }

    private static IReadOnlyList<string> ReadTags(JsonElement? value, List<FieldError> errors)
    {
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(TagsField, $"must be an array of strings, got {JsonBody.KindName(value.Value.ValueKind)}"));
            return [];
        }

        var count = value.Value.GetArrayLength();
        if (count > WebhookLimits.MaxTags)
        {
            errors.Add(new(TagsField, $"must have at most {WebhookLimits.MaxTags} items (got {count})"));
        }

        // Keep checking items even when there are too many, so the sender sees every problem at once.
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.Value.EnumerateArray())
        {
            var field = $"{TagsField}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(field, $"must be a string, got {JsonBody.KindName(item.ValueKind)}"));
                continue;
            }
            var tag = item.GetString()!;
            if (string.IsNullOrWhiteSpace(tag))
            {
                errors.Add(new(field, "must not be empty"));
            }
            else if (tag.Length > WebhookLimits.MaxTagLength)
            {
                errors.Add(new(field, $"must be at most {WebhookLimits.MaxTagLength} characters (got {tag.Length})"));
            }
            else if (seen.Add(tag))
            {
                tags.Add(tag);
            }
        }
        return tags.AsReadOnly();
    }

    private static JsonObject ReadDetails(OrderedDictionary<string, JsonProperty> fields, List<FieldError> errors)
    {
        var details = new JsonObject();
        foreach (var property in fields.Values)
        {
            if (!KnownFields.Contains(property.Name))
            {
                details.Add(property.Name, JsonBody.ToNode(property.Value, property.Name, errors));
            }
        }
        return details;
    }
}
