using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>
/// Reads and validates an account document as sent in a PUT. Reports every problem it finds, each at a
/// JSON path such as <c>$.users[0].email</c>, and never throws for bad input.
/// </summary>
/// <remarks>
/// Ids are collected from users, schedules and teams before anything is validated, so references may
/// point to entries later in the document. Defaults are filled in, so the resulting model is complete.
/// </remarks>
public sealed partial class AccountConfigParser
{
    private static readonly string[] AccountProperties = ["id", "name", "users", "schedules", "teams", "integrations", "maintenance", "outgoingWebhooks"];

    private readonly List<FieldError> _errors = [];
    private readonly string _expectedAccountId;
    private KnownIds _users = new("$.users", checkable: false);
    private KnownIds _schedules = new("$.schedules", checkable: false);
    private KnownIds _teams = new("$.teams", checkable: false);
    private KnownIds _integrations = new("$.integrations", checkable: false);
    private readonly Dictionary<string, string> _logins = new(StringComparer.OrdinalIgnoreCase);

    private AccountConfigParser(string expectedAccountId) => _expectedAccountId = expectedAccountId;

    /// <param name="json">The document text.</param>
    /// <param name="expectedAccountId">The account id from the URL; the document's <c>id</c> must equal it.</param>
    public static AccountConfigParseResult Parse(string json, string expectedAccountId)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(expectedAccountId);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return AccountConfigParseResult.Invalid([new FieldError(JsonPath.Root, $"must be a JSON object, but is not valid JSON: {ex.Message}")]);
        }
        if (JsonText.HasUnpairedSurrogate(System.Text.Encoding.UTF8.GetBytes(json)))
        {
            document.Dispose();
            return AccountConfigParseResult.Invalid([new FieldError(JsonPath.Root, $"must be valid JSON text: {JsonText.UnpairedSurrogateRule}")]);
        }

        using (document)
        {
            var parser = new AccountConfigParser(expectedAccountId);
            var config = parser.ReadAccount(document.RootElement);
            return config is not null && parser._errors.Count == 0
                ? AccountConfigParseResult.Valid(config)
                : AccountConfigParseResult.Invalid(parser._errors);
        }
    }

    private AccountConfig? ReadAccount(JsonElement root)
    {
        var account = ConfigObject.Open(root, JsonPath.Root, _errors, AccountProperties);
        if (account is null)
        {
            return null;
        }

        var id = account.String("id", required: true);
        if (id is not null && id != _expectedAccountId)
        {
            account.Error("id", $"must equal the account id in the URL ('{_expectedAccountId}')");
        }
        else if (id is not null && !ConfigSyntax.IsId(id))
        {
            account.Error("id", ConfigSyntax.IdRule);
        }
        var name = ReadName(account);

        var userItems = account.Array("users");
        var scheduleItems = account.Array("schedules");
        var teamItems = account.Array("teams");
        var integrationItems = account.Array("integrations");
        _users = CollectIds(account, "users", userItems);
        _schedules = CollectIds(account, "schedules", scheduleItems);
        _teams = CollectIds(account, "teams", teamItems);
        _integrations = CollectIds(account, "integrations", integrationItems);

        var users = ReadCollection(userItems, ReadUser);
        var schedules = ReadCollection(scheduleItems, ReadSchedule);
        var teams = ReadCollection(teamItems, ReadTeam);
        var integrations = ReadCollection(integrationItems, ReadIntegration);
        var outgoingWebhooks = ReadOutgoingWebhooks(account);

        var maintenance = ReadCollection(account.Array("maintenance"), ReadMaintenanceWindow);

        return new AccountConfig(id ?? "", name, users, schedules, teams, integrations) { Maintenance = maintenance, OutgoingWebhooks = outgoingWebhooks };
    }

    private static KnownIds CollectIds(ConfigObject account, string property, IReadOnlyList<(JsonElement Element, string Path)>? items)
    {
        // An absent collection is simply empty (every reference to it is unknown); a malformed one is not checkable.
        var ids = new KnownIds(account.PathOf(property), checkable: items is not null || !account.Has(property));
        foreach (var (element, _) in items ?? [])
        {
            if (element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String)
            {
                ids.Add(id.GetString()!);
            }
        }
        return ids;
    }

    /// <summary>Reads each item, giving every item of the collection the same duplicate-id tracker.</summary>
    private static IReadOnlyList<T> ReadCollection<T>(
        IReadOnlyList<(JsonElement Element, string Path)>? items,
        Func<JsonElement, string, DuplicateIds, T?> read)
        where T : class
    {
        var seen = new DuplicateIds();
        return (items ?? []).Select(item => read(item.Element, item.Path, seen)).OfType<T>().ToList().AsReadOnly();
    }

    /// <summary>Reads a required id: syntax checked, and unique in its collection ignoring case.</summary>
    private static string ReadId(ConfigObject item, DuplicateIds seen)
    {
        var id = item.String("id", required: true);
        if (id is null)
        {
            return "";
        }
        if (!ConfigSyntax.IsId(id))
        {
            item.Error("id", ConfigSyntax.IdRule);
        }
        else if (seen.Check(id, item.Path) is { } duplicate)
        {
            item.Error("id", duplicate);
        }
        return id;
    }

    /// <summary>Reads a required display name: not blank, at most <see cref="ConfigSyntax.MaxNameLength"/> characters.</summary>
    private static string ReadName(ConfigObject item)
    {
        var name = item.String("name", required: true);
        if (name is null)
        {
            return "";
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            item.Error("name", "must not be empty");
        }
        else if (name.Length > ConfigSyntax.MaxNameLength)
        {
            item.Error("name", $"must be at most {ConfigSyntax.MaxNameLength} characters");
        }
        return name;
    }

    /// <summary>Reads a time zone id; absent gives null (the caller picks the default or requires it).</summary>
    private static string? ReadTimeZone(ConfigObject item, bool required)
    {
        var zone = item.String("timeZone", required);
        if (zone is not null && !ConfigSyntax.IsTimeZone(zone, out var canonical))
        {
            item.Error("timeZone", canonical is null
                ? $"must be a known IANA time zone id such as Europe/Berlin or UTC (got '{zone}')"
                : $"must be a known IANA time zone id spelled exactly, here '{canonical}' (ids are case-sensitive)");
        }
        return zone;
    }

    /// <summary>Reads an ISO 8601 duration; null when absent or invalid (the error is recorded).</summary>
    private static IsoDuration? ReadDuration(ConfigObject item, string name, bool required)
    {
        var text = item.String(name, required);
        if (text is null)
        {
            return null;
        }
        if (!IsoDuration.TryParse(text, out var duration, out var error))
        {
            item.Error(name, error);
            return null;
        }
        return duration;
    }

    /// <summary>
    /// Urgencies in documents are the exact lower-case wire names. (The shared parser also accepts other
    /// casings, which suits alert payloads, but a config document should have one spelling.)
    /// </summary>
    private static bool TryParseUrgency(string text, out Urgency urgency) =>
        WireNames.TryParse(text, out urgency, lenient: true) && urgency.ToWire() == text;

    private static void CheckReference(ConfigObject item, string name, KnownIds known, string kind, string id)
    {
        if (known.CheckReference(kind, id) is { } error)
        {
            item.Error(name, error);
        }
    }
}
