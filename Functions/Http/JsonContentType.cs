using System.Net.Http.Headers;

namespace Klaxon.Http;

/// <summary>Decides whether a request's Content-Type lets us read the body as UTF-8 JSON.</summary>
public static class JsonContentType
{
    /// <summary>
    /// True only for the media type <c>application/json</c> (case-insensitive, whitespace tolerated), optionally with
    /// parameters. A <c>charset</c> parameter, if present, must be UTF-8 because the parser reads nothing else.
    /// Other JSON-ish types (<c>text/json</c>, <c>application/*+json</c>), empty, null or malformed headers are false.
    /// </summary>
    public static bool IsJson(string? contentTypeHeader)
    {
        if (string.IsNullOrWhiteSpace(contentTypeHeader)
            || !MediaTypeHeaderValue.TryParse(contentTypeHeader, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Check every charset parameter, not just the first (which is all MediaTypeHeaderValue.CharSet looks at),
        // so "charset=utf-8; charset=latin1" cannot sneak through.
        foreach (var parameter in mediaType.Parameters)
        {
            if (string.Equals(parameter.Name, "charset", StringComparison.OrdinalIgnoreCase) && !IsUtf8(parameter.Value))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsUtf8(string? charset)
    {
        var name = charset?.Trim().Trim('"');
        return string.Equals(name, "utf-8", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "utf8", StringComparison.OrdinalIgnoreCase);
    }
}
