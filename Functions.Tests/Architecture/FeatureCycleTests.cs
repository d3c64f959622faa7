using Klaxon.Tests.Infra;

namespace Klaxon.Tests.Architecture;

/// <summary>
/// Features (Accounts, Incidents, Ingestion, OnCall, Escalation, Notifications, Health) may depend on each other only
/// one way, and on the shared kernel (Common), adapters for the edges (Storage, Http) and tracing (Telemetry); the composition root (Hosting)
/// may depend on everything and nothing depends on it. A cycle would mean two features can no longer change apart.
/// </summary>
public sealed class FeatureCycleTests
{
    /// <summary>Shared by every feature, so they must not depend on any feature themselves.</summary>
    private static readonly string[] Foundations = ["Common", "Storage", "Http", "Telemetry"];

    private static readonly Lazy<Dictionary<string, Dictionary<string, List<string>>>> Graph = new(Build);

    [Fact]
    public void Features_depend_on_each_other_without_cycles()
    {
        var cycle = FindCycle(Graph.Value.ToDictionary(pair => pair.Key, pair => (IEnumerable<string>)pair.Value.Keys));

        Assert.True(cycle is null, cycle is null ? "" : $"Feature cycle: {string.Join(" -> ", cycle)} ({Evidence(cycle)})");
    }

    [Fact]
    public void Common_storage_and_http_depend_on_no_feature()
    {
        var offending = Foundations
            .Where(Graph.Value.ContainsKey)
            .SelectMany(foundation => Graph.Value[foundation]
                .Where(edge => !Foundations.Contains(edge.Key))
                .Select(edge => $"{foundation} -> {edge.Key} ({string.Join(", ", edge.Value)})"))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Nothing_but_the_entry_point_depends_on_the_composition_root()
    {
        var offending = Graph.Value
            .Where(pair => pair.Key != "Hosting" && pair.Value.ContainsKey("Hosting"))
            .Select(pair => $"{pair.Key} -> Hosting ({string.Join(", ", pair.Value["Hosting"])})")
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void The_cycle_search_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, IEnumerable<string>>
        {
            ["Incidents"] = ["Common"],
            ["Escalation"] = ["Incidents", "Notifications"],
            ["Notifications"] = ["Incidents", "Escalation"],
        };

        var cycle = FindCycle(graph);

        Assert.NotNull(cycle);
        Assert.Contains("Escalation", cycle);
        Assert.Contains("Notifications", cycle);
        Assert.Null(FindCycle(new Dictionary<string, IEnumerable<string>> { ["Escalation"] = ["Notifications"], ["Notifications"] = ["Incidents"] }));
    }

    /// <summary>feature → feature it uses → the files that use it, over Klaxon.Core and the function app.</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> Build()
    {
        var graph = new Dictionary<string, Dictionary<string, List<string>>>();
        foreach (var path in SourceDependencies.SourceFiles("Core").Concat(SourceDependencies.SourceFiles("Functions")))
        {
            var source = File.ReadAllText(path);
            if (SourceDependencies.FeatureOf(source) is not { } feature)
            {
                continue;
            }
            var edges = graph.TryGetValue(feature, out var found) ? found : graph[feature] = [];
            foreach (var used in SourceDependencies.FeaturesUsed(source))
            {
                (edges.TryGetValue(used, out var files) ? files : edges[used] = []).Add(Path.GetRelativePath(RepoPaths.Root, path));
            }
        }
        return graph;
    }

    /// <summary>A cycle as the list of features around it (first repeated at the end), or null.</summary>
    private static List<string>? FindCycle(IReadOnlyDictionary<string, IEnumerable<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0)
            {
                return [.. path[at..], node];
            }
            if (!done.Add(node))
            {
                return null;
            }
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static string Evidence(List<string> cycle) =>
        string.Join("; ", cycle.Zip(cycle.Skip(1), (from, to) => $"{from} -> {to}: {string.Join(", ", Graph.Value[from][to].Take(3))}"));
}
