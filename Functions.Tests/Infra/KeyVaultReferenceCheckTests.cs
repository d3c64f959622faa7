using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Klaxon.Tests.Infra;

/// <summary>
/// infra/check-keyvault-references.sh, which decides in the deploy workflow whether every configured Key Vault secret
/// resolves, run on JSON shaped as the App Service and Key Vault management APIs answer (one reference per setting).
/// </summary>
public sealed class KeyVaultReferenceCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kv-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Settings =
    [
        "Notifications__Twilio__AccountSid", "Notifications__Twilio__AuthToken", "Notifications__SendGrid__ApiKey",
        "Notifications__WebPush__VapidPrivateKey", "Notifications__EmailLinks__SigningKey",
    ];

    private static readonly string[] Secrets =
        ["twilio-account-sid", "twilio-auth-token", "sendgrid-api-key", "webpush-vapid-private-key", "email-links-signing-key"];

    [Fact]
    public void Every_secret_set_and_resolved_passes()
    {
        var result = Check(References(_ => "Resolved"), Vault(Secrets));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, result.Output.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_secret_never_set_is_reported_as_unset_and_does_not_fail()
    {
        var result = Check(References(secret => secret.StartsWith("sendgrid", StringComparison.Ordinal) ? "SecretNotFound" : "Resolved"),
            Vault(Secrets.Where(s => !s.StartsWith("sendgrid", StringComparison.Ordinal))));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("unset   Notifications__SendGrid__ApiKey -> sendgrid-api-key", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SecretNotFound")] // the vault holds it, yet the app does not see it: the stale reference the refresh is for
    [InlineData("AccessToKeyVaultDenied")]
    [InlineData("VaultNotFound")]
    [InlineData("MSINotEnabled")]
    [InlineData("Initialized")]
    [InlineData("OtherReasons")]
    public void A_secret_set_but_not_resolved_fails(string status)
    {
        var result = Check(References(secret => secret == "twilio-auth-token" ? status : "Resolved"), Vault(Secrets));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAILED  Notifications__Twilio__AuthToken -> twilio-auth-token: {status}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_another_vault_must_resolve_whatever_this_vault_holds()
    {
        var result = Check(References(_ => "VaultNotFound"), Vault([]));

        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"error":{"code":"AuthorizationFailed"}}""")]
    public void An_answer_that_is_not_a_list_is_an_error(string references)
    {
        Assert.Equal(2, Check(references, Vault(Secrets)).ExitCode);
        Assert.Equal(2, Check(References(_ => "Resolved"), references).ExitCode);
    }

    /// <summary>GET {app}/config/configreferences/appsettings, as documented for the App Service REST API.</summary>
    private static string References(Func<string, string> statusOfSecret) => new JsonObject
    {
        ["value"] = new JsonArray([.. Settings.Zip(Secrets).Select(pair => (JsonNode)new JsonObject
        {
            ["id"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-klaxon/providers/Microsoft.Web/sites/klaxon-func-abc/config/configreferences/appsettings/{pair.First}",
            ["name"] = pair.First,
            ["type"] = "Microsoft.Web/sites/config/reference",
            ["properties"] = new JsonObject
            {
                ["reference"] = $"@Microsoft.KeyVault(SecretUri=https://klaxon-kv-abc.vault.azure.net/secrets/{pair.Second})",
                ["status"] = statusOfSecret(pair.Second),
                ["vaultName"] = "klaxon-kv-abc",
                ["secretName"] = pair.Second,
                ["secretVersion"] = "",
                ["identityType"] = "UserAssigned",
                ["source"] = "KeyVault",
            },
        })]),
    }.ToJsonString();

    /// <summary>GET {vault}/secrets from the Key Vault management API: names and attributes, never values.</summary>
    private static string Vault(IEnumerable<string> names) => new JsonObject
    {
        ["value"] = new JsonArray([.. names.Select(name => (JsonNode)new JsonObject
        {
            ["id"] = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-klaxon/providers/Microsoft.KeyVault/vaults/klaxon-kv-abc/secrets/{name}",
            ["name"] = name,
            ["type"] = "Microsoft.KeyVault/vaults/secrets",
            ["properties"] = new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = true } },
        })]),
    }.ToJsonString();

    private (int ExitCode, string Output) Check(string references, string vault)
    {
        var referencesFile = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        var vaultFile = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(referencesFile, references);
        File.WriteAllText(vaultFile, vault);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "infra/check-keyvault-references.sh", referencesFile, vaultFile })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the check did not finish");
        return (process.ExitCode, output.GetAwaiter().GetResult() + errors.GetAwaiter().GetResult());
    }
}
