using System.Text.Json;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] MaintenanceProperties = ["id", "team", "integration", "start", "end", "timeZone", "repeat", "reason"];

    /// <summary>Longest maintenance reason: 200 characters, like names.</summary>
    public const int MaxMaintenanceReasonLength = ConfigSyntax.MaxNameLength;

    private MaintenanceWindowConfig? ReadMaintenanceWindow(JsonElement element, string path, DuplicateIds seen)
    {
        var window = ConfigObject.Open(element, path, _errors, MaintenanceProperties);
        if (window is null)
        {
            return null;
        }
        var id = ReadId(window, seen);
        var (scope, target) = ReadMaintenanceTarget(window);
        var timeZone = ReadTimeZone(window, required: true) ?? "";
        var start = ReadLocalTime(window, "start");
        var end = ReadLocalTime(window, "end");

        var repeat = MaintenanceRepeat.None;
        if (window.String("repeat") is { } repeatText)
        {
            if (repeatText == "weekly")
            {
                repeat = MaintenanceRepeat.Weekly;
            }
            else
            {
                window.Error("repeat", "must be \"weekly\", or left out for a window that happens once");
            }
        }
        if (start is { } from && end is { } to)
        {
            if (to <= from)
            {
                window.Error("end", "must be after start");
            }
            else if (repeat == MaintenanceRepeat.Weekly && to - from >= TimeSpan.FromDays(7))
            {
                window.Error("end", "must be less than 7 days after start for a weekly window (it would never end)");
            }
        }

        var reason = window.String("reason");
        if (reason is { Length: > MaxMaintenanceReasonLength })
        {
            window.Error("reason", $"must be at most {MaxMaintenanceReasonLength} characters");
        }
        return new MaintenanceWindowConfig(id, scope, target, start ?? default, end ?? default, timeZone, repeat, reason);
    }

    /// <summary>Exactly one of <c>team</c> and <c>integration</c>, naming one in this document.</summary>
    private (MaintenanceScope Scope, string Target) ReadMaintenanceTarget(ConfigObject window)
    {
        var team = window.String("team");
        var integration = window.String("integration");
        if ((team is null) == (integration is null))
        {
            window.Error(team is null ? "team" : "integration", "exactly one of team and integration is required: the window covers that team's or that integration's incidents");
            return (MaintenanceScope.Team, team ?? integration ?? "");
        }
        if (team is not null)
        {
            CheckReference(window, "team", _teams, "team", team);
            return (MaintenanceScope.Team, team);
        }
        CheckReference(window, "integration", _integrations, "integration", integration!);
        return (MaintenanceScope.Integration, integration!);
    }

    private static DateTime? ReadLocalTime(ConfigObject window, string name)
    {
        var text = window.String(name, required: true);
        if (text is null)
        {
            return null;
        }
        if (!ConfigSyntax.TryParseLocalDateTime(text, out var local))
        {
            window.Error(name, "must be a local date-time without offset or Z, as yyyy-MM-ddTHH:mm[:ss] such as 2026-01-04T02:00; "
                + "it is interpreted in the window's timeZone");
            return null;
        }
        return local;
    }
}
