using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>.github/workflows/deploy.yml passes every deployment setting and checks what it deployed.</summary>
public partial class DeployWorkflowTests
{
    private static readonly string Workflow = File.ReadAllText(RepoPaths.File(".github", "workflows", "deploy.yml"));

    [Fact]
    public void Every_variable_the_parameters_file_reads_is_passed_to_the_provisioning_step()
    {
        var parameters = File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicepparam"));
        // The step's own env, or the workflow-wide env above the jobs.
        var provision = Step("Provision (Bicep)") + Workflow[..Workflow.IndexOf("\njobs:", StringComparison.Ordinal)];

        foreach (Match variable in ReadEnvironmentVariable().Matches(parameters))
        {
            var name = variable.Groups["name"].Value;
            Assert.True(Regex.IsMatch(provision, $@"^\s+{name}: \$\{{\{{", RegexOptions.Multiline), $"deploy.yml does not pass {name}");
        }
        Assert.Contains("KLAXON_ALERT_EMAIL: ${{ secrets.KLAXON_ALERT_EMAIL }}", provision, StringComparison.Ordinal);
    }

    [Fact]
    public void After_provisioning_it_refreshes_key_vault_references_and_fails_unless_configured_secrets_resolve()
    {
        var check = Step("Check Key Vault references");

        Assert.True(Workflow.IndexOf("- name: Provision (Bicep)", StringComparison.Ordinal) < Workflow.IndexOf("- name: Check Key Vault references", StringComparison.Ordinal));
        Assert.True(Workflow.IndexOf("- name: Check Key Vault references", StringComparison.Ordinal) < Workflow.IndexOf("- name: Publish the Functions project", StringComparison.Ordinal));
        Assert.Contains("/config/configreferences/appsettings/refresh?", check, StringComparison.Ordinal);
        Assert.Contains("/config/configreferences/appsettings?", check, StringComparison.Ordinal);
        Assert.Contains("bash infra/check-keyvault-references.sh", check, StringComparison.Ordinal);
        Assert.Contains("exit 1", check, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Infra, "check-keyvault-references.sh")));
    }

    /// <summary>The text of the step named <paramref name="name"/>, up to the next step.</summary>
    private static string Step(string name)
    {
        var start = Workflow.IndexOf($"- name: {name}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"deploy.yml has no step '{name}'");
        var next = Workflow.IndexOf("\n      - ", start + 1, StringComparison.Ordinal);
        return next < 0 ? Workflow[start..] : Workflow[start..next];
    }

    [GeneratedRegex(@"readEnvironmentVariable\('(?<name>[A-Z0-9_]+)'")]
    private static partial Regex ReadEnvironmentVariable();
}
