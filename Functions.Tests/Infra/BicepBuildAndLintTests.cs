using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>The templates compile, lint clean under infra/bicepconfig.json, and need nothing from a registry.</summary>
public class BicepBuildAndLintTests
{
    [Fact]
    public void The_restored_bicep_cli_runs()
    {
        // .../azure.bicep.commandline.linux-x64/<version>/tools/bicep: the version pinned in Directory.Packages.props.
        var version = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(BicepCli.Path)))!;
        var run = BicepCli.Run("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Bicep CLI version {version} ", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_template_builds_without_warnings()
    {
        Assert.Empty(CompiledInfra.BuildRun.Diagnostics);
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)CompiledInfra.Template["$schema"]);
    }

    [Fact]
    public void Every_bicep_file_lints_clean()
    {
        var files = Directory.GetFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("main.bicep", StringComparison.Ordinal));
        BicepCli.Run("lint", "--pattern", "infra/**/*.bicep").AssertClean();
    }

    [Fact]
    public void Parameters_file_lints_clean()
    {
        BicepCli.Run(ParametersFileTests.WithoutDeploymentVariables(), "lint", "infra/main.bicepparam").AssertClean();
    }

    [Fact]
    public void Bicepconfig_raises_every_linter_rule_that_can_fire_to_an_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;
        Assert.NotEqual(false, (bool?)core["enabled"]);
        var rules = core["rules"]!.AsObject().ToDictionary(r => r.Key, r => (string)r.Value!["level"]!);

        // Off on purpose: it judges API versions by today's date, so an unchanged tree would start failing. The
        // pinned CLI's own types decide instead (an unknown API version is warning BCP081, which fails the build test).
        Assert.Equal("off", rules["use-recent-api-versions"]);
        Assert.All(rules.Where(r => r.Key != "use-recent-api-versions"), r => Assert.True(r.Value == "error", $"{r.Key} is '{r.Value}'"));

        // Every rule Bicep enables by default (as a warning) must be listed, or it would stay a warning.
        string[] defaultWarnings =
        [
            "adminusername-should-not-be-literal", "artifacts-parameters", "decompiler-cleanup", "no-conflicting-metadata",
            "no-deployments-resources", "no-explicit-any", "no-hardcoded-env-urls", "no-unnecessary-dependson",
            "no-unused-existing-resources", "no-unused-imports", "no-unused-params", "no-unused-vars",
            "outputs-should-not-contain-secrets", "prefer-interpolation", "prefer-unquoted-property-names",
            "protect-commandtoexecute-secrets", "secure-parameter-default", "secure-params-in-nested-deploy",
            "secure-secrets-in-params", "simplify-interpolation", "simplify-json-null", "use-parent-property",
            "use-resource-symbol-reference", "use-safe-access", "use-secure-value-for-secure-inputs",
            "use-stable-resource-identifiers", "use-stable-vm-image",
        ];
        Assert.All(defaultWarnings, rule => Assert.True(rules.ContainsKey(rule), $"bicepconfig.json does not set {rule}"));
    }

    [Fact]
    public void A_linter_finding_fails_the_lint_under_the_repository_config()
    {
        var directory = Directory.CreateTempSubdirectory("klaxon-bicep-");
        try
        {
            var file = Path.Combine(directory.FullName, "unused.bicep");
            File.WriteAllText(file, "param unusedParameter string = 'x'\n");
            var run = BicepCli.Run("lint", file, "--config", Path.Combine(RepoPaths.Infra, "bicepconfig.json"));
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(run.Diagnostics, d => d.Contains("Error no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Modules_are_local_files_only()
    {
        var moduleReference = new Regex(@"^\s*module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline);
        var files = Directory.GetFiles(RepoPaths.Infra, "*.bicep", SearchOption.AllDirectories);
        var references = files.SelectMany(f => moduleReference.Matches(File.ReadAllText(f)).Select(m => (File: f, Path: m.Groups["path"].Value))).ToList();
        Assert.NotEmpty(references);
        foreach (var (file, path) in references)
        {
            Assert.False(path.StartsWith("br:", StringComparison.Ordinal) || path.StartsWith("br/", StringComparison.Ordinal)
                || path.StartsWith("ts:", StringComparison.Ordinal) || path.StartsWith("ts/", StringComparison.Ordinal),
                $"{file} uses registry module {path}");
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, path)), $"{file}: module {path} does not exist");
        }
    }
}
