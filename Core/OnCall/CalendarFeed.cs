using System.Globalization;
using System.Text;
using Klaxon.Accounts;

namespace Klaxon.OnCall;

/// <summary>
/// Writes shifts as an iCalendar (RFC 5545) feed: one VEVENT per shift, times in UTC, so no VTIMEZONE is needed.
/// Written by hand because the subset is this small; the tests parse the output with Ical.Net as a client would.
/// </summary>
public static class CalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    // RFC 5545 3.1: lines are at most 75 octets, excluding the CRLF; longer ones continue after CRLF + space.
    private const int MaxLineOctets = 75;

    /// <param name="account">For user names (a shift of a user no longer configured shows the id) and the UID domain.</param>
    /// <param name="scheduleId">Names the calendar and goes into every UID.</param>
    /// <param name="shifts">Resolved shifts, in order.</param>
    /// <param name="stamp">When the feed was produced (DTSTAMP).</param>
    public static string Write(AccountConfig account, string scheduleId, IReadOnlyList<Shift> shifts, DateTimeOffset stamp)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//Klaxon//On-call schedules//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape($"On call: {scheduleId}"));
        foreach (var shift in shifts)
        {
            var name = account.FindUser(shift.User)?.Name ?? shift.User;
            Line(text, "BEGIN:VEVENT");
            // Stable across refreshes so clients update events in place: the same shift always gets the same UID.
            Line(text, "UID:" + Escape($"{scheduleId}-{shift.User}-{Uid(shift.Start)}@{account.Id}.klaxon"));
            Line(text, "DTSTAMP:" + Utc(stamp));
            Line(text, "DTSTART:" + Utc(shift.Start));
            Line(text, "DTEND:" + Utc(shift.End));
            Line(text, "SUMMARY:" + Escape($"On call: {name}"));
            // Being on call is not being busy: keep the events from blocking free/busy lookups.
            Line(text, "TRANSP:TRANSPARENT");
            Line(text, "END:VEVENT");
        }
        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>Whole seconds in UTC, the only precision iCalendar has; shifts start and end on whole seconds in practice.</summary>
    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Like <see cref="Utc"/>, plus the fraction when there is one, so shifts within one second stay apart.</summary>
    private static string Uid(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 3.3.11); other control characters are not allowed at all, so they become spaces.</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or ';' or ',': escaped.Append('\\').Append(c); break;
                case '\n': escaped.Append("\\n"); break;
                case '\r': break;
                case var control when char.IsControl(control): escaped.Append(' '); break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>Appends a content line, folded at <see cref="MaxLineOctets"/> UTF-8 octets without splitting a character.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var index = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (octets + rune.Utf8SequenceLength > MaxLineOctets)
            {
                text.Append("\r\n ");
                octets = 1; // the leading space of the continuation counts
            }
            text.Append(line, index, rune.Utf16SequenceLength);
            index += rune.Utf16SequenceLength;
            octets += rune.Utf8SequenceLength;
        }
        text.Append("\r\n");
    }
}
