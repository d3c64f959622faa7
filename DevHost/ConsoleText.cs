using System.Globalization;
using System.Text;

namespace Klaxon.DevHost;

/// <summary>
/// Makes text from senders safe to print on a terminal: a title or <c>Id</c> with a line break, an ESC sequence or a
/// bidirectional override could otherwise forge a console line (a fake "Admin key: …") or clear the screen.
/// </summary>
public static class ConsoleText
{
    /// <summary>
    /// Control characters (C0, DEL, C1), line and paragraph separators and invisible format characters (bidi
    /// overrides, zero-width joiners) become visible escapes: <c>\n</c>, <c>\r</c>, <c>\t</c>, or <c>\u001b</c>.
    /// Everything else, letters and emoji included, is kept. Returns the same instance when nothing needs escaping.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ when NeedsEscape(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
