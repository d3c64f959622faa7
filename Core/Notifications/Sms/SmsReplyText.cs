using System.Globalization;
using Klaxon.Incidents;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// The texts Klaxon answers SMS replies with, each kept within one SMS segment: 160 GSM-7 characters (those of the
/// extension table count twice), or 70 UTF-16 units as soon as one character is outside GSM-7 (an emoji in a title).
/// Only the incident title is ever shortened, with "..." (an ellipsis character would itself force UCS-2).
/// </summary>
public static class SmsReplyText
{
    public const int Gsm7SegmentLength = 160, Ucs2SegmentLength = 70;

    public const string Help = "Reply 42a to acknowledge incident 42, 42r to resolve it; a or r alone acts on the latest page.";

    public const string NotOnRota = "This number is not on any Klaxon rota.";

    public static string AlreadyResolved(long number) => $"#{Number(number)} is already resolved.";

    /// <summary>The phone was paged, but never about this incident.</summary>
    public static string NotPaged(long number) => $"No page about #{Number(number)} was sent to this number.";

    public static string NotFound(long number) => $"Incident #{Number(number)} was not found.";

    /// <summary>"Acknowledging #42 (Database down)." or "Resolving #42 (...)." with the title shortened to fit.</summary>
    public static string Acting(IncidentActionKind action, long number, string title)
    {
        var prefix = $"{(action == IncidentActionKind.Resolve ? "Resolving" : "Acknowledging")} #{Number(number)}";
        var oneLine = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length == 0 ? prefix + "." : FitOneSegment(prefix + " (", oneLine, ").");
    }

    /// <summary><paramref name="head"/> + as much of <paramref name="middle"/> as fits + <paramref name="tail"/>.</summary>
    public static string FitOneSegment(string head, string middle, string tail)
    {
        var whole = head + middle + tail;
        if (FitsOneSegment(whole))
        {
            return whole;
        }
        const string cut = "...";
        // Shrink by whole text elements (an emoji with its modifiers, a letter with its accents) until it fits.
        var elements = StringInfo.GetTextElementEnumerator(middle);
        var starts = new List<int>();
        while (elements.MoveNext())
        {
            starts.Add(elements.ElementIndex);
        }
        for (var count = starts.Count - 1; count >= 0; count--)
        {
            var candidate = head + middle[..starts[count]].TrimEnd() + cut + tail;
            if (FitsOneSegment(candidate))
            {
                return candidate;
            }
        }
        return head + cut + tail;
    }

    public static bool FitsOneSegment(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Gsm7Basic.Contains(c))
            {
                septets++;
            }
            else if (Gsm7Extension.Contains(c))
            {
                septets += 2;
            }
            else
            {
                return text.Length <= Ucs2SegmentLength;
            }
        }
        return septets <= Gsm7SegmentLength;
    }

    private static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The GSM 03.38 default alphabet (escape excluded).</summary>
    private static readonly HashSet<char> Gsm7Basic =
        [.. "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"];

    /// <summary>Characters reached through the escape, two septets each.</summary>
    private static readonly HashSet<char> Gsm7Extension = [.. "\f^{}\\[~]|€"];
}
