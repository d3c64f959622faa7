using System.Globalization;
using System.Text.Json.Nodes;

namespace Klaxon.Bench;

/// <summary>
/// The account the <c>ingest</c> and <c>latency</c> benchmarks load instead of the demo account: <see cref="Phones"/>
/// teams, each with its own integration and one user paged by SMS at once, so every create costs the same work
/// (escalation start plus one SMS page) whoever the demo rotation has on call this week. The load is spread over the
/// integrations, as a storm spreads over teams: with one phone, its throttle row would hold every page of the run
/// (the benchmarks raise the per-phone limits so nothing is held) and grow with it, which no real phone sees.
/// </summary>
internal static class BenchAccount
{
    /// <summary>Teams, integrations, users and phones. 100: at N=5,000, 50 pages per phone.</summary>
    public const int Phones = 100;

    public static string Document()
    {
        JsonArray users = [], teams = [], integrations = [];
        for (var i = 0; i < Phones; i++)
        {
            var n = i.ToString("D3", CultureInfo.InvariantCulture);
            users.Add(new JsonObject
            {
                ["id"] = $"u{n}", ["name"] = $"Responder {n}", ["phone"] = $"+1555120{i:D4}",
                ["notificationRules"] = new JsonObject { ["high"] = new JsonArray(new JsonObject { ["channel"] = "sms", ["after"] = "PT0S" }) },
            });
            teams.Add(new JsonObject
            {
                ["id"] = $"t{n}", ["name"] = $"Team {n}",
                ["escalationPolicy"] = new JsonObject
                {
                    ["layers"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["user"] = $"u{n}" }), ["escalateAfter"] = "PT30M" }),
                },
            });
            integrations.Add(new JsonObject
            {
                ["id"] = $"00000000-0000-4000-8000-000000000{n}", ["token"] = $"bench-token-{n}-3c9e1a", ["name"] = $"Webhook {n}",
                ["type"] = "webhook", ["urgency"] = "high", ["team"] = $"t{n}", ["enabled"] = true,
            });
        }
        return new JsonObject { ["id"] = "bench", ["name"] = "Bench", ["users"] = users, ["teams"] = teams, ["integrations"] = integrations }.ToJsonString();
    }

    /// <summary>Writes the document to a new temporary file for <c>DevHostOptions.ConfigPaths</c>; returns its path.</summary>
    public static async Task<string> WriteAsync(CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("klaxon-bench-").FullName, "bench-account.json");
        await File.WriteAllTextAsync(path, Document(), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
