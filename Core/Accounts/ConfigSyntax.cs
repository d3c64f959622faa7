using System.Globalization;
using System.Text.RegularExpressions;

namespace Klaxon.Accounts;

/// <summary>
/// Syntax checks for single values in an account document. Patterns use <c>[0-9]</c> rather than <c>\d</c>
/// (which also matches non-ASCII digits) and <c>\z</c> rather than <c>$</c> (which allows a trailing newline).
/// </summary>
public static partial class ConfigSyntax
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public const string IdRule =
        "must be an id of 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit";
    public const string PhoneRule = "must be an E.164 phone number such as +15551230001";
    public const string EmailRule = "must be an email address such as alice@example.com";
    public const string TokenRule = "must be 16 to 128 characters of letters, digits, '_' or '-'";
    public const string InstantRule =
        "must be an RFC 3339 date-time with an offset or Z, such as 2026-12-24T00:00:00Z";

    public static bool IsId(string value) => Id().IsMatch(value);

    public static bool IsPhone(string value) => Phone().IsMatch(value);

    public static bool IsToken(string value) => Token().IsMatch(value);

    /// <summary>
    /// A deliberately simple sanity check, not RFC 5322: one '@', a non-empty local part, a domain of
    /// non-empty dot-separated labels with at least one dot, no whitespace or control characters, at most
    /// 254 characters. Whether the address works is only known by mailing it.
    /// </summary>
    public static bool IsEmail(string value)
    {
        if (value.Length > MaxEmailLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@'))
        {
            return false;
        }
        var labels = value[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0);
    }

    /// <summary>
    /// A time zone this host knows, spelled exactly as its canonical id (the lookup ignores case, but the id is
    /// stored and compared as written). <c>localtime</c> is refused because it means whatever the server uses.
    /// </summary>
    public static bool IsTimeZone(string value, out string? canonicalSpelling)
    {
        canonicalSpelling = null;
        if (value.Length == 0 || value == "localtime" || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone))
        {
            return false;
        }
        canonicalSpelling = zone.Id;
        return zone.Id == value;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm</c> or <c>yyyy-MM-ddTHH:mm:ss</c>, no offset; the result has <see cref="DateTimeKind.Unspecified"/>.</summary>
    public static bool TryParseLocalDateTime(string value, out DateTime local)
    {
        local = default;
        return LocalDateTime().IsMatch(value)
            && DateTime.TryParseExact(
                value,
                ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out local);
    }

    /// <summary><c>HH:mm</c> on a 24-hour clock, <c>00:00</c> to <c>23:59</c>.</summary>
    public static bool TryParseTimeOfDay(string value, out TimeOnly time)
    {
        time = default;
        return TimeOfDay().IsMatch(value)
            && TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>An RFC 3339 date-time that must carry <c>Z</c> or a <c>±hh:mm</c> offset; returned in UTC.</summary>
    public static bool TryParseInstant(string value, out DateTimeOffset instant)
    {
        instant = default;
        if (!Instant().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }
        instant = parsed.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex Id();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,128}\z")]
    private static partial Regex Token();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?\z")]
    private static partial Regex LocalDateTime();

    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}\z")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    private static partial Regex Instant();
}
