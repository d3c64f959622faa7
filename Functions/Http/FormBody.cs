using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Klaxon.Http;

/// <summary>Reads <c>application/x-www-form-urlencoded</c> bodies, as Twilio posts its webhooks.</summary>
public static class FormBody
{
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>True when the Content-Type's media type is <see cref="MediaType"/> (any parameters); false when absent or malformed.</summary>
    public static bool IsForm(string? contentType) =>
        contentType is not null
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Decoded fields, one value each, or null when the body is not UTF-8, the form is malformed (or over the form
    /// reader's limits), or a field repeats (names compared ignoring case): a caller that needs one value per field,
    /// such as a signature over each key and its value, cannot tell which of several was meant.
    /// </summary>
    public static Dictionary<string, string>? ParseUniqueFields(ReadOnlyMemory<byte> body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        Dictionary<string, StringValues> fields;
        try
        {
            using var reader = new FormReader(text);
            fields = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return null;
        }
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in fields)
        {
            if (values.Count != 1)
            {
                return null;
            }
            form[key] = values[0] ?? "";
        }
        return form;
    }
}
