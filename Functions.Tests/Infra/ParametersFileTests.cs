using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Hosting;

namespace Klaxon.Tests.Infra;

/// <summary>infra/main.bicepparam (used by azd and the deploy workflow) builds, and passes environment variables through.</summary>
public class ParametersFileTests
{
    private static readonly string[] Variables = [.. Regex.Matches(
            File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicepparam")), @"readEnvironmentVariable\('(?<name>[A-Z0-9_]+)'")
        .Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary>The environment with every variable the parameters file reads removed, so this machine's settings cannot leak in.</summary>
    internal static Dictionary<string, string?> WithoutDeploymentVariables() => Variables.ToDictionary(v => v, _ => (string?)null);

    private static JsonObject BuildParameters(Dictionary<string, string?> environment)
    {
        var run = BicepCli.Run(environment, "build-params", "infra/main.bicepparam", "--stdout").AssertClean();
        var output = JsonNode.Parse(run.StandardOutput)!;
        return JsonNode.Parse((string)output["parametersJson"]!)!["parameters"]!.AsObject();
    }

    private static string? Value(JsonObject parameters, string name) => parameters[name]?["value"]?.ToString();

    [Fact]
    public void Without_variables_it_uses_the_defaults_and_writes_no_secret()
    {
        var parameters = BuildParameters(WithoutDeploymentVariables());

        Assert.Equal("klaxon", Value(parameters, "namePrefix"));
        Assert.Equal(EscalationTimerFunction.DefaultSchedule, Value(parameters, "escalationSchedule"));
        Assert.Equal(new KlaxonOptions().ConfigCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Value(parameters, "configCacheSeconds"));
        Assert.Equal("2048", Value(parameters, "instanceMemoryMB"));
        Assert.Equal("100", Value(parameters, "maximumInstanceCount"));
        foreach (var secret in SecretParameters)
        {
            Assert.Equal("", Value(parameters, secret.Parameter));
        }
        // Every parameter the file sets exists in main.bicep (bicep checks this too; this keeps the lists in step).
        var declared = CompiledInfra.Template["parameters"]!.AsObject();
        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"main.bicep has no parameter {p.Key}"));
        Assert.False(parameters.ContainsKey("location"), "location must default to the resource group's, not come from the file");
    }

    internal static readonly (string Variable, string Parameter)[] SecretParameters =
    [
        ("TWILIO_ACCOUNT_SID", "twilioAccountSid"),
        ("TWILIO_AUTH_TOKEN", "twilioAuthToken"),
        ("SENDGRID_API_KEY", "sendGridApiKey"),
        ("WEBPUSH_VAPID_PRIVATE_KEY", "webPushVapidPrivateKey"),
        ("EMAIL_LINKS_SIGNING_KEY", "emailLinksSigningKey"),
        ("KLAXON_OPERATOR_KEY", "operatorKey"),
    ];

    [Fact]
    public void Variables_reach_their_parameters()
    {
        (string Variable, string Parameter)[] plain =
        [
            ("KLAXON_NAME_PREFIX", "namePrefix"),
            ("KLAXON_PUBLIC_BASE_URL", "publicBaseUrl"),
            ("TWILIO_FROM_NUMBER", "twilioFromNumber"),
            ("SENDGRID_FROM_ADDRESS", "sendGridFromAddress"),
            ("SENDGRID_WEBHOOK_PUBLIC_KEY", "sendGridWebhookPublicKey"),
            ("WEBPUSH_VAPID_PUBLIC_KEY", "webPushVapidPublicKey"),
            ("WEBPUSH_SUBJECT", "webPushSubject"),
            ("KLAXON_AUTH_CLIENT_ID", "authClientId"),
            ("KLAXON_AUTH_TENANT_ID", "authTenantId"),
            ("KLAXON_ALERT_EMAIL", "alertEmail"),
        ];
        var environment = WithoutDeploymentVariables();
        foreach (var (variable, _) in plain.Concat(SecretParameters))
        {
            environment[variable] = variable == "KLAXON_NAME_PREFIX" ? "pager" : $"value-of-{variable}";
        }
        environment["AZURE_ENV_NAME"] = "staging";

        var parameters = BuildParameters(environment);

        foreach (var (variable, parameter) in plain.Concat(SecretParameters))
        {
            Assert.Equal(environment[variable], Value(parameters, parameter));
        }
        Assert.Equal("staging", (string?)parameters["tags"]!["value"]!["azd-env-name"]);
        Assert.Equal(plain.Length + SecretParameters.Length + 1, Variables.Length); // + AZURE_ENV_NAME: no variable is untested
    }

    [Fact]
    public void Secret_parameters_are_secure_with_empty_defaults()
    {
        var declared = CompiledInfra.Template["parameters"]!.AsObject();
        var secure = declared.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).Order().ToList();
        Assert.Equal(SecretParameters.Select(s => s.Parameter).Order(), secure);
        Assert.All(secure, name => Assert.Equal("", (string?)declared[name]!["defaultValue"]));
    }
}
