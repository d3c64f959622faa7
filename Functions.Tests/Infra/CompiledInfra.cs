using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled once per test run with the pinned Bicep CLI (<c>bicep build --stdout</c>), plus helpers
/// to walk the ARM JSON: modules become nested <c>Microsoft.Resources/deployments</c> whose template is inline.
/// </summary>
internal static partial class CompiledInfra
{
    private static readonly Lazy<(BicepRun Run, JsonObject Template)> Main = new(() =>
    {
        var run = BicepCli.Run("build", "infra/main.bicep", "--stdout").AssertClean();
        return (run, JsonNode.Parse(run.StandardOutput)!.AsObject());
    });

    public static JsonObject Template => Main.Value.Template;

    public static BicepRun BuildRun => Main.Value.Run;

    /// <summary>Every resource in the template and in every nested module template, depth first.</summary>
    public static IReadOnlyList<ArmResource> Resources => [.. ResourcesOf(Template, "main")];

    public static IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public static ArmResource Single(string type)
    {
        var matches = OfType(type).Where(r => !r.IsExisting).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>The module deployment named <paramref name="name"/> in main.bicep.</summary>
    public static ArmResource Module(string name) =>
        OfType("Microsoft.Resources/deployments").Single(r => r.Name == name);

    private static IEnumerable<ArmResource> ResourcesOf(JsonObject template, string module)
    {
        var resources = template["resources"];
        var list = resources switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject symbolic => symbolic.Select(p => p.Value!.AsObject()), // languageVersion 2.0 templates
            _ => [],
        };
        foreach (var resource in list)
        {
            var armResource = new ArmResource(resource, template, module);
            yield return armResource;
            if (armResource.Type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested, armResource.Name))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every string in <paramref name="node"/>, with its JSON path.</summary>
    public static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var item in Strings(value, $"{path}.{key}"))
                    {
                        yield return item;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return item;
                    }
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    public static partial Regex ParameterReference();
}

/// <summary>One resource of the compiled template, with the template (main or a module's) that declares it.</summary>
internal sealed record ArmResource(JsonObject Node, JsonObject Template, string Module)
{
    public string Type => (string)Node["type"]!;

    /// <summary>The name expression or literal as compiled (e.g. <c>[format('{0}/{1}', parameters('name'), 'default')]</c>).</summary>
    public string Name => (string)Node["name"]!;

    public bool IsExisting => Node["existing"]?.GetValue<bool>() == true;

    public JsonObject Properties => Node["properties"]?.AsObject() ?? [];

    public string? Condition => (string?)Node["condition"];

    /// <summary>A module's declared parameter (type, defaultValue, ...), for resources declared in that module.</summary>
    public JsonObject? Parameter(string name) => Template["parameters"]?[name]?.AsObject();

    /// <summary>A template variable of the declaring template.</summary>
    public JsonNode? Variable(string name) => Template["variables"]?[name];
}
