using System.Globalization;
using System.Text;
using Klaxon.Common;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// The text of page SMS. A page is <c>#42 [HIGH] Database down - reply 42a to acknowledge, 42r to resolve</c> and fits
/// one segment: 160 GSM-7 septets, or 70 UTF-16 units once any character is outside GSM-7. Only the title is
/// shortened; the number, the urgency and the reply codes are always whole, since a reply needs them.
/// </summary>
/// <remarks>
/// The separator is " - ", not the em dash "—" of the original design: an em dash is not in GSM-7, so it alone would
/// make every page UCS-2 and leave about 15 characters for the title instead of about 100. For the same reason
/// typographic punctuation in titles (curly quotes, en and em dashes, "…") is replaced by its plain GSM-7 twin before
/// measuring; emoji and other scripts are kept and make the message UCS-2. The brackets around the urgency are in
/// GSM-7's extension table and cost two septets each: 56 of the 160 septets go to "#42 [HIGH] " and the reply codes.
/// </remarks>
public static class SmsText
{
    /// <summary>At most this many segments for a summary (1530 GSM-7 septets, within Twilio's 1600-character body limit).</summary>
    public const int MaxSegments = 10;

    /// <summary>A summary's titles are shortened down to this many characters before it takes another segment.</summary>
    public const int MinSummaryTitle = 12;

    private const string SummaryTail = " - reply <n>a to acknowledge, <n>r to resolve";

    /// <summary>One page about one incident, in one segment (shortening the title, down to nothing if it must).</summary>
    public static string Page(PagedIncident incident)
    {
        var number = Number(incident);
        var head = Head(incident);
        var tail = $" - reply {number}a to acknowledge, {number}r to resolve";
        var titles = new Titles([SmsTitle(incident.Title)]);
        string Format(IReadOnlyList<string> title) => head + (title[0].Length > 0 ? " " + title[0] : "") + tail;
        return Compose(titles, LargestCap(titles, Format, 1) ?? 0, Format);
    }

    /// <summary>
    /// Pages held back by throttling, newest first: <c>Klaxon: 4 pages held back: #43 [HIGH] db down; #44 [LOW] disk... -
    /// reply &lt;n&gt;a to acknowledge, &lt;n&gt;r to resolve</c>. Titles are shortened (to <see cref="MinSummaryTitle"/>)
    /// before the message takes more segments, up to <see cref="MaxSegments"/>; past that titles go, then urgencies; every
    /// incident number stays unless even the bare numbers overflow <see cref="MaxSegments"/> (then "and N more").
    /// </summary>
    public static string Summary(IReadOnlyList<PagedIncident> incidents)
    {
        var opening = $"Klaxon: {incidents.Count.ToString(CultureInfo.InvariantCulture)} pages held back: ";
        var titles = new Titles([.. incidents.Select(incident => SmsTitle(incident.Title))]);
        string Format(IReadOnlyList<string> title)
        {
            var text = new StringBuilder(opening);
            for (var i = 0; i < incidents.Count; i++)
            {
                text.Append(i == 0 ? "" : "; ").Append(Head(incidents[i])).Append(title[i].Length > 0 ? " " + title[i] : "");
            }
            return text.Append(SummaryTail).ToString();
        }
        for (var segments = 1; segments <= MaxSegments; segments++)
        {
            if (LargestCap(titles, Format, segments) is { } cap && (cap >= MinSummaryTitle || cap >= titles.MaxElements || segments == MaxSegments))
            {
                return Compose(titles, cap, Format);
            }
        }
        // Hundreds of pages held back: the numbers alone, as many as fit.
        var numbers = new StringBuilder(opening);
        for (var i = 0; i < incidents.Count; i++)
        {
            var next = (i == 0 ? "#" : ", #") + Number(incidents[i]);
            var more = $" and {(incidents.Count - i - 1).ToString(CultureInfo.InvariantCulture)} more";
            if (SmsSegments.Measure(numbers.ToString() + next + more + SummaryTail).Segments > MaxSegments)
            {
                numbers.Append($" and {(incidents.Count - i).ToString(CultureInfo.InvariantCulture)} more");
                break;
            }
            numbers.Append(next);
        }
        return numbers.Append(SummaryTail).ToString();
    }

    private static string Number(PagedIncident incident) => incident.Number.ToString(CultureInfo.InvariantCulture);

    private static string Head(PagedIncident incident) => $"#{Number(incident)} [{incident.Urgency.ToWire().ToUpperInvariant()}]";

    /// <summary>The cleaned title with typographic punctuation replaced by GSM-7 equivalents.</summary>
    internal static string SmsTitle(string? title)
    {
        var clean = PageTitleText.Clean(title);
        var text = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            text.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '`' => "'",
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
                >= '\u2010' and <= '\u2015' or '\u2212' => "-",
                '\u2026' => "...",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }

    /// <summary>
    /// The largest number of characters every title may keep so the message fits <paramref name="segments"/>, or null
    /// when it does not fit even without titles. A binary search: only a cap that was measured to fit is returned.
    /// </summary>
    private static int? LargestCap(Titles titles, Func<IReadOnlyList<string>, string> format, int segments)
    {
        bool Fits(int cap) => SmsSegments.Measure(Compose(titles, cap, format)).Segments <= segments;
        if (Fits(titles.MaxElements))
        {
            return titles.MaxElements;
        }
        if (!Fits(0))
        {
            return null;
        }
        var (low, high) = (0, titles.MaxElements - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = Fits(middle) ? (middle, high) : (low, middle - 1);
        }
        return low;
    }

    /// <summary>
    /// The message with every title cut to <paramref name="cap"/> characters. A cut title ends in "…" when the message
    /// is UCS-2 anyway, else in "..." (three septets, but "…" would turn the whole message into UCS-2).
    /// </summary>
    private static string Compose(Titles titles, int cap, Func<IReadOnlyList<string>, string> format)
    {
        var cut = titles.Cut(cap, out var shortened);
        if (!shortened.Contains(true))
        {
            return format(cut);
        }
        var ellipsis = SmsSegments.IsGsm7(format(cut)) ? "..." : "\u2026";
        for (var i = 0; i < cut.Length; i++)
        {
            cut[i] += shortened[i] && cut[i].Length > 0 ? ellipsis : "";
        }
        return format(cut);
    }

    private sealed class Titles(string[] titles)
    {
        private readonly int[][] _ends = [.. titles.Select(PageTitleText.ElementEnds)];

        public int MaxElements { get; } = titles.Length == 0 ? 0 : titles.Max(title => PageTitleText.ElementEnds(title).Length);

        public string[] Cut(int cap, out bool[] shortened)
        {
            var cut = new string[titles.Length];
            shortened = new bool[titles.Length];
            for (var i = 0; i < titles.Length; i++)
            {
                var ends = _ends[i];
                shortened[i] = ends.Length > cap;
                cut[i] = shortened[i] ? (cap == 0 ? "" : titles[i][..ends[cap - 1]].TrimEnd()) : titles[i];
            }
            return cut;
        }
    }
}
