using System.Text.Json;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] ScheduleProperties = ["id", "timeZone", "rotations", "overrides"];
    private static readonly string[] RotationProperties = ["users", "start", "length", "restrictions"];
    private static readonly string[] OverrideProperties = ["user", "start", "end"];

    private ScheduleConfig? ReadSchedule(JsonElement element, string path, DuplicateIds seen)
    {
        var schedule = ConfigObject.Open(element, path, _errors, ScheduleProperties);
        if (schedule is null)
        {
            return null;
        }

        var id = ReadId(schedule, seen);
        var timeZone = ReadTimeZone(schedule, required: true) ?? "";
        var rotationItems = schedule.Array("rotations", required: true);
        if (rotationItems is { Count: 0 })
        {
            schedule.Error("rotations", "must have at least one rotation");
        }
        var rotations = (rotationItems ?? [])
            .Select(item => ReadRotation(item.Element, item.Path, timeZone))
            .OfType<RotationConfig>().ToList().AsReadOnly();
        var overrides = (schedule.Array("overrides") ?? [])
            .Select(item => ReadOverride(item.Element, item.Path))
            .OfType<OverrideConfig>().ToList().AsReadOnly();
        return new ScheduleConfig(id, timeZone, rotations, overrides);
    }

    private RotationConfig? ReadRotation(JsonElement element, string path, string timeZone)
    {
        var rotation = ConfigObject.Open(element, path, _errors, RotationProperties);
        if (rotation is null)
        {
            return null;
        }

        var users = new List<string>();
        var userItems = rotation.Array("users", required: true);
        if (userItems is { Count: 0 })
        {
            rotation.Error("users", "must have at least one user");
        }
        foreach (var (item, itemPath) in userItems ?? [])
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                _errors.Add(new(itemPath, "must be a string (a user id)"));
                continue;
            }
            var userId = item.GetString()!;
            if (_users.CheckReference("user", userId) is { } error)
            {
                _errors.Add(new(itemPath, error));
            }
            users.Add(userId);
        }

        var start = default(DateTime);
        var startText = rotation.String("start", required: true);
        if (startText is not null && !ConfigSyntax.TryParseLocalDateTime(startText, out start))
        {
            // Local on purpose: "Mondays 09:00" must stay 09:00 in the schedule's zone when DST changes.
            var zone = timeZone.Length > 0 ? $" ({timeZone})" : "";
            rotation.Error("start", "must be a local date-time without offset or Z, as yyyy-MM-ddTHH:mm[:ss] such as "
                + $"2026-01-05T09:00:00; it is interpreted in the schedule's time zone{zone}");
        }

        var length = ReadDuration(rotation, "length", required: true);
        if (length is { IsZero: true })
        {
            rotation.Error("length", "must be greater than zero (PT0S is not a rotation length)");
        }
        var restrictions = ReadRestrictions(rotation);
        return new RotationConfig(users.AsReadOnly(), start, length ?? IsoDuration.Zero, restrictions);
    }

    private OverrideConfig? ReadOverride(JsonElement element, string path)
    {
        var entry = ConfigObject.Open(element, path, _errors, OverrideProperties);
        if (entry is null)
        {
            return null;
        }

        var user = entry.String("user", required: true);
        if (user is not null)
        {
            CheckReference(entry, "user", _users, "user", user);
        }
        var start = ReadInstant(entry, "start");
        var end = ReadInstant(entry, "end");
        if (start is not null && end is not null && end <= start)
        {
            entry.Error("end", "must be after start");
        }
        return new OverrideConfig(user ?? "", start ?? default, end ?? default);
    }

    private static DateTimeOffset? ReadInstant(ConfigObject item, string name)
    {
        var text = item.String(name, required: true);
        if (text is null)
        {
            return null;
        }
        if (!ConfigSyntax.TryParseInstant(text, out var instant))
        {
            item.Error(name, ConfigSyntax.InstantRule);
            return null;
        }
        return instant;
    }
}
