using System.Text.Json;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] RestrictionProperties = ["days", "start", "end"];

    /// <summary>Wire names of the days, Monday first (the order <see cref="RestrictionConfig.EveryDay"/> uses).</summary>
    internal static readonly IReadOnlyList<(string Name, DayOfWeek Day)> DayNames =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    private static readonly string AllowedDays = string.Join(", ", DayNames.Select(d => d.Name));

    /// <summary>Optional; absent gives no restrictions. Present but empty is refused: it would read as "never applies".</summary>
    private IReadOnlyList<RestrictionConfig> ReadRestrictions(ConfigObject rotation)
    {
        var items = rotation.Array("restrictions");
        if (items is { Count: 0 })
        {
            rotation.Error("restrictions", "must have at least one window; leave restrictions out for a rotation that always applies");
        }
        return (items ?? [])
            .Select(item => ReadRestriction(item.Element, item.Path))
            .OfType<RestrictionConfig>().ToList().AsReadOnly();
    }

    private RestrictionConfig? ReadRestriction(JsonElement element, string path)
    {
        var window = ConfigObject.Open(element, path, _errors, RestrictionProperties);
        if (window is null)
        {
            return null;
        }

        var days = ReadDays(window);
        var start = ReadTimeOfDay(window, "start");
        var end = ReadTimeOfDay(window, "end");
        return new RestrictionConfig(days, start, end);
    }

    private IReadOnlyList<DayOfWeek> ReadDays(ConfigObject window)
    {
        var items = window.Array("days");
        if (items is null)
        {
            return RestrictionConfig.EveryDay;
        }
        if (items.Count == 0)
        {
            window.Error("days", "must have at least one day; leave days out for every day");
        }
        var days = new List<DayOfWeek>();
        foreach (var (item, itemPath) in items)
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            var match = DayNames.FirstOrDefault(d => d.Name == name);
            if (match.Name is null)
            {
                var nearMiss = DayNames.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)).Name;
                _errors.Add(new(itemPath, nearMiss is not null
                    ? $"must be one of {AllowedDays} (lower case: '{nearMiss}')"
                    : $"must be one of {AllowedDays}"));
            }
            else if (days.Contains(match.Day))
            {
                _errors.Add(new(itemPath, $"duplicate day '{match.Name}'"));
            }
            else
            {
                days.Add(match.Day);
            }
        }
        return days.AsReadOnly();
    }

    private static TimeOnly ReadTimeOfDay(ConfigObject window, string name)
    {
        var text = window.String(name, required: true);
        if (text is null)
        {
            return default;
        }
        if (!ConfigSyntax.TryParseTimeOfDay(text, out var time))
        {
            window.Error(name, "must be a local time of day as HH:mm from 00:00 to 23:59, such as 09:00 "
                + "(an end at or before the start crosses midnight)");
        }
        return time;
    }
}
