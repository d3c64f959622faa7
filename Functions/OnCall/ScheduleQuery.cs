using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.OnCall;

/// <summary>
/// Reads the instants in the schedule endpoints' query strings, reporting errors by parameter name. The query comes as
/// plain values (<see cref="Klaxon.Http.QueryValues"/>): a missing parameter and an empty one are alike.
/// </summary>
internal static class ScheduleQuery
{
    /// <summary>The longest window <c>shifts</c> and <c>.ics</c> answer for: 90 days.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    private const string InstantRule = "must be an RFC 3339 instant with an offset or Z, such as 2026-03-08T09:00:00Z";

    /// <summary>The optional instant <paramref name="name"/>, or <paramref name="fallback"/> when it is absent or empty.</summary>
    public static DateTimeOffset Instant(IReadOnlyDictionary<string, string> query, string name, DateTimeOffset fallback, List<FieldError> errors) =>
        Read(query, name, errors) ?? fallback;

    /// <summary>
    /// The window <c>from</c>..<c>to</c>: each required when it has no default; <c>to</c> after <c>from</c> and at most
    /// <see cref="MaxSpan"/> later. Values are only meaningful when <paramref name="errors"/> stayed empty.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(
        IReadOnlyDictionary<string, string> query, DateTimeOffset? defaultFrom, DateTimeOffset? defaultTo, List<FieldError> errors)
    {
        var from = Read(query, "from", errors) ?? defaultFrom;
        var to = Read(query, "to", errors) ?? defaultTo;
        if (from is null && !Present(query, "from"))
        {
            errors.Add(new FieldError("from", "is required; " + InstantRule));
        }
        if (to is null && !Present(query, "to"))
        {
            errors.Add(new FieldError("to", "is required; " + InstantRule));
        }
        if (from is { } start && to is { } end)
        {
            if (end <= start)
            {
                errors.Add(new FieldError("to", "must be after from"));
            }
            else if (end - start > MaxSpan)
            {
                errors.Add(new FieldError("to", $"must be at most {MaxSpan.TotalDays:0} days after from"));
            }
        }
        return (from ?? default, to ?? default);
    }

    private static bool Present(IReadOnlyDictionary<string, string> query, string name) => Text(query, name).Length > 0;

    private static string Text(IReadOnlyDictionary<string, string> query, string name) => query.TryGetValue(name, out var text) ? text : "";

    private static DateTimeOffset? Read(IReadOnlyDictionary<string, string> query, string name, List<FieldError> errors)
    {
        var text = Text(query, name);
        if (text.Length == 0)
        {
            return null;
        }
        // An unencoded '+' in a query string arrives as a space; no valid instant has a space, so put it back.
        if (!ConfigSyntax.TryParseInstant(text.Replace(' ', '+'), out var instant))
        {
            errors.Add(new FieldError(name, InstantRule));
            return null;
        }
        return instant;
    }
}
