using System.Text.RegularExpressions;

namespace Klaxon.Common;

/// <summary>
/// Removes the secrets Klaxon puts in URLs from any text before it is logged: the token segment of webhook and
/// heartbeat paths (<c>/integration/{account}/{integration}/{token}</c>, <c>/heartbeat/…/{token}</c>), and the values of
/// the query parameters that carry a token or name a person on a signed callback: <c>t</c> (action links), <c>s</c>
/// (calendar signatures), <c>code</c> (function keys), <c>token</c>, and <c>u</c> and <c>j</c> (the user and page of a
/// Twilio voice gather URL). Each is replaced by <see cref="Mask"/>; everything else, including account and integration
/// ids and incident numbers, is kept so a log line still says what it was about.
/// </summary>
public static partial class SecretRedaction
{
    /// <summary>What a removed secret is replaced with: <c>***</c>.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every token in a Klaxon URL (absolute or just a path) masked; null stays null.</summary>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var redacted = TokenSegment().Replace(text, m => m.Groups["keep"].Value + Mask);
        return SecretParameter().Replace(redacted, m => m.Groups["keep"].Value + Mask);
    }

    // /integration/{account}/{integration}/{token} and /heartbeat/…: the third segment after the route name, up to the
    // next separator. Percent-escapes stay inside the segment, so an escaped token is masked whole.
    [GeneratedRegex(@"(?<keep>/(?:integration|heartbeat)/[^/?#\s""'<>]+/[^/?#\s""'<>]+/)[^/?#\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenSegment();

    // ?t=… &s=… &code=… &token=… &u=… &j=… (and the same after &amp; in XML or HTML), up to the next separator.
    [GeneratedRegex(@"(?<keep>(?:[?&]|&amp;)(?:t|s|code|token|u|j)=)[^&#\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}
