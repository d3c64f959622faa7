using System.Globalization;
using System.Text.Json;

namespace Klaxon.Accounts;

public static partial class AccountConfigSerializer
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>Left out when there are none, so documents without windows read and write as before.</summary>
    private static void WriteMaintenance(Utf8JsonWriter writer, IReadOnlyList<MaintenanceWindowConfig> windows)
    {
        if (windows.Count > 0)
        {
            WriteArray(writer, "maintenance", windows, WriteMaintenanceWindow);
        }
    }

    private static void WriteMaintenanceWindow(Utf8JsonWriter writer, MaintenanceWindowConfig window)
    {
        writer.WriteStartObject();
        writer.WriteString("id", window.Id);
        writer.WriteString(window.Scope == MaintenanceScope.Team ? "team" : "integration", window.TargetId);
        writer.WriteString("start", window.Start.ToString(LocalFormat, CultureInfo.InvariantCulture));
        writer.WriteString("end", window.End.ToString(LocalFormat, CultureInfo.InvariantCulture));
        writer.WriteString("timeZone", window.TimeZone);
        if (window.Repeat == MaintenanceRepeat.Weekly)
        {
            writer.WriteString("repeat", "weekly");
        }
        if (window.Reason is not null)
        {
            writer.WriteString("reason", window.Reason);
        }
        writer.WriteEndObject();
    }

    /// <summary>Absent in documents stored before maintenance windows existed, and whenever there are none.</summary>
    private static IReadOnlyList<MaintenanceWindowConfig> ReadMaintenance(JsonElement root) =>
        root.TryGetProperty("maintenance", out var windows)
            ? windows.EnumerateArray().Select(window => new MaintenanceWindowConfig(
                Text(window, "id"),
                OptionalText(window, "team") is null ? MaintenanceScope.Integration : MaintenanceScope.Team,
                OptionalText(window, "team") ?? Text(window, "integration"),
                DateTime.ParseExact(Text(window, "start"), LocalFormat, CultureInfo.InvariantCulture),
                DateTime.ParseExact(Text(window, "end"), LocalFormat, CultureInfo.InvariantCulture),
                Text(window, "timeZone"),
                OptionalText(window, "repeat") == "weekly" ? MaintenanceRepeat.Weekly : MaintenanceRepeat.None,
                OptionalText(window, "reason"))).ToList().AsReadOnly()
            : [];
}
