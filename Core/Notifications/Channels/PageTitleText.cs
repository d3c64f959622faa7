using System.Globalization;
using System.Text;
using System.Xml;

namespace Klaxon.Notifications.Channels;

/// <summary>
/// Incident titles as SMS and voice show them. Titles come from webhook senders, so they can hold anything: line
/// breaks, control characters, lone surrogates. What comes out is one line of text that is valid in XML and UTF-8,
/// and is cut only between whole characters as people see them (text elements), so an emoji or a letter with a
/// combining accent is never split.
/// </summary>
public static class PageTitleText
{
    /// <summary>
    /// Whitespace runs become one space; control characters, lone surrogates and characters XML forbids are dropped.
    /// Null or blank gives an empty string.
    /// </summary>
    public static string Clean(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return string.Empty;
        }
        var text = new StringBuilder(title.Length);
        var space = false;
        for (var i = 0; i < title.Length; i++)
        {
            var c = title[i];
            if (char.IsHighSurrogate(c) && i + 1 < title.Length && char.IsLowSurrogate(title[i + 1]))
            {
                AppendSpace();
                text.Append(c).Append(title[i + 1]);
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
            }
            else if (!char.IsSurrogate(c) && !char.IsControl(c) && XmlConvert.IsXmlChar(c) && c is not ('\u200B' or '\uFEFF'))
            {
                AppendSpace();
                text.Append(c);
            }
        }
        return text.ToString();

        void AppendSpace()
        {
            if (space)
            {
                text.Append(' ');
                space = false;
            }
        }
    }

    /// <summary>Where each text element of <paramref name="text"/> ends: element <c>i</c> is <c>text[..ends[i]]</c>.</summary>
    public static int[] ElementEnds(string text)
    {
        var ends = new List<int>(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            position += StringInfo.GetNextTextElementLength(text, position);
            ends.Add(position);
        }
        return [.. ends];
    }
}
