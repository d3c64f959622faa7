using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Klaxon.Tests.Infra;

/// <summary>Secrets live only in Key Vault (RBAC mode) and reach the app only as Key Vault references.</summary>
public partial class SecretsTests
{
    [Fact]
    public void Key_vault_uses_rbac_and_has_no_access_policies()
    {
        var vault = CompiledInfra.Single("Microsoft.KeyVault/vaults");
        Assert.True(vault.Properties["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Null(vault.Properties["accessPolicies"]);
        Assert.True(vault.Properties["enableSoftDelete"]!.GetValue<bool>());
    }

    [Fact]
    public void Every_secret_setting_is_a_key_vault_reference_to_a_secret_the_template_can_create()
    {
        var settings = AppSettings.Values;
        var keyVaultModule = CompiledInfra.Module("klaxon-keyvault");
        var secretUris = keyVaultModule.Properties["template"]!["outputs"]!["secretUris"]!["value"]!.AsObject();
        var secrets = CompiledInfra.OfType("Microsoft.KeyVault/vaults/secrets").ToList();
        Assert.Equal(AppSettings.SecretSettings.Length, secrets.Count);

        foreach (var name in AppSettings.SecretSettings)
        {
            var reference = KeyVaultReference().Match(settings[name]);
            Assert.True(reference.Success, $"{name} is not a Key Vault reference: {settings[name]}");

            // The URI the reference points at names one of the vault's secrets...
            var uri = (string)secretUris[reference.Groups["key"].Value]!;
            var secretName = SecretUriName().Match(uri);
            Assert.True(secretName.Success, $"{name}: unexpected secret URI {uri}");
            Assert.Contains("Microsoft.KeyVault/vaults", uri, StringComparison.Ordinal);
            var secret = Assert.Single(secrets, s => s.Name.EndsWith($", '{secretName.Groups["name"].Value}')]", StringComparison.Ordinal));

            // ...whose value is a secure parameter, written only when that parameter is not empty.
            var parameter = Assert.Single(CompiledInfra.ParameterReference().Matches((string)secret.Properties["value"]!)).Groups["name"].Value;
            Assert.Equal($"[parameters('{parameter}')]", (string?)secret.Properties["value"]);
            Assert.Equal("securestring", (string?)secret.Parameter(parameter)!["type"]);
            Assert.Equal($"[not(empty(parameters('{parameter}')))]", secret.Condition);
        }
    }

    [Fact]
    public void Only_secret_settings_are_key_vault_references()
    {
        var references = AppSettings.Values.Where(s => s.Value.Contains("@Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase)).Select(s => s.Key);
        Assert.Equal(AppSettings.SecretSettings.Order(), references.Order());
    }

    [Fact]
    public void The_app_resolves_key_vault_references_with_its_user_assigned_identity()
    {
        var site = CompiledInfra.Single("Microsoft.Web/sites");
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]", (string?)site.Properties["keyVaultReferenceIdentity"]);
    }

    /// <summary>
    /// A secure parameter may only be handed to a module's secure parameter, or be a Key Vault secret's value (and the
    /// condition that writes it). Never an app setting, output, tag or anything else.
    /// </summary>
    [Fact]
    public void Secure_parameters_flow_only_into_key_vault_secrets()
    {
        var templates = new List<(string Name, JsonObject Template)> { ("main", CompiledInfra.Template) };
        templates.AddRange(CompiledInfra.OfType("Microsoft.Resources/deployments").Select(d => (d.Name, d.Properties["template"]!.AsObject())));
        var checkedUses = 0;

        foreach (var (templateName, template) in templates)
        {
            var secure = template["parameters"]?.AsObject().Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).ToHashSet() ?? [];
            if (secure.Count == 0)
            {
                continue;
            }
            var uses = new List<string>();
            foreach (var section in new[] { "variables", "outputs", "functions" })
            {
                uses.AddRange(CompiledInfra.Strings(template[section], $"$.{section}").Where(s => ReferencesAny(s.Value, secure)).Select(s => $"{s.Path}: {s.Value}"));
            }
            foreach (var resource in CompiledInfra.Resources.Where(r => r.Module == templateName))
            {
                // A module's own template is checked on its own (its parameters are its own).
                foreach (var (path, value) in CompiledInfra.Strings(resource.Node)
                             .Where(s => !s.Path.StartsWith("$.properties.template.", StringComparison.Ordinal) && ReferencesAny(s.Value, secure)))
                {
                    checkedUses++;
                    if (resource.Type == "Microsoft.KeyVault/vaults/secrets" && path is "$.properties.value" or "$.condition")
                    {
                        continue;
                    }
                    var passed = ModuleParameterValue().Match(path);
                    if (resource.Type == "Microsoft.Resources/deployments" && passed.Success
                        && (string?)resource.Properties["template"]!["parameters"]![passed.Groups["name"].Value]!["type"] == "securestring"
                        && value == $"[parameters('{passed.Groups["name"].Value}')]")
                    {
                        continue;
                    }
                    uses.Add($"{templateName} {resource.Type} {path}: {value}");
                }
            }
            Assert.True(uses.Count == 0, $"Secure parameters used outside Key Vault secrets:\n{string.Join('\n', uses)}");
        }
        Assert.True(checkedUses >= 2 * AppSettings.SecretSettings.Length, "the secure parameters were not found where expected");

        static bool ReferencesAny(string value, HashSet<string> names) =>
            CompiledInfra.ParameterReference().Matches(value).Any(m => names.Contains(m.Groups["name"].Value));
    }

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', parameters\('keyVaultSecretUris'\)\.(?<key>\w+)\)\]$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[format\('\{0\}secrets/\{1\}', reference\(resourceId\('Microsoft\.KeyVault/vaults', parameters\('name'\)\), '[^']+'\)\.vaultUri, '(?<name>[a-z0-9-]+)'\)\]$")]
    private static partial Regex SecretUriName();

    [GeneratedRegex(@"^\$\.properties\.parameters\.(?<name>\w+)\.value$")]
    private static partial Regex ModuleParameterValue();
}
