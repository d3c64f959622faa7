using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Reports;

/// <summary>
/// The <c>from</c>/<c>to</c>/<c>team</c> of a report request: RFC 3339 instants with an offset or Z, <c>from</c> before
/// <c>to</c>, at most <see cref="MaxDays"/> days apart. Incidents opened in <c>[from, to)</c> are reported.
/// </summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To, string? Team)
{
    /// <summary>Longest period: 92 days (a quarter).</summary>
    public const int MaxDays = 92;

    /// <summary>The period, or every problem with the parameters, each naming its parameter.</summary>
    public static (ReportPeriod? Period, IReadOnlyList<FieldError> Errors) Parse(string? from, string? to, string? team, AccountConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<FieldError>();
        var start = Instant("from", from, errors);
        var end = Instant("to", to, errors);
        if (start is { } f && end is { } t)
        {
            if (t <= f)
            {
                errors.Add(new FieldError("to", "must be after from"));
            }
            else if (t - f > TimeSpan.FromDays(MaxDays))
            {
                errors.Add(new FieldError("to", $"must be at most {MaxDays} days after from"));
            }
        }
        if (team is not null && config.FindTeam(team) is null)
        {
            errors.Add(new FieldError("team", $"must be a team id of account {config.Id}; '{team}' is not one"));
        }
        return errors.Count > 0 ? (null, errors) : (new ReportPeriod(start!.Value, end!.Value, team), errors);
    }

    private static DateTimeOffset? Instant(string name, string? text, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new FieldError(name, "is required: " + ConfigSyntax.InstantRule));
            return null;
        }
        if (!ConfigSyntax.TryParseInstant(text, out var instant))
        {
            errors.Add(new FieldError(name, ConfigSyntax.InstantRule));
            return null;
        }
        return instant.ToUniversalTime();
    }
}
