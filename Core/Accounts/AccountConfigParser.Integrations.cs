using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] IntegrationProperties = ["id", "token", "name", "type", "urgency", "team", "enabled"];

    private IntegrationConfig? ReadIntegration(JsonElement element, string path, DuplicateIds seen)
    {
        var integration = ConfigObject.Open(element, path, _errors, IntegrationProperties);
        if (integration is null)
        {
            return null;
        }

        var id = ReadId(integration, seen);
        var token = integration.String("token");
        if (token is not null && !ConfigSyntax.IsToken(token))
        {
            // The message must never echo the value: it is a secret, and errors end up in responses and logs.
            integration.Error("token", ConfigSyntax.TokenRule);
        }
        var name = ReadName(integration);

        var type = IntegrationType.Webhook;
        var typeText = integration.String("type");
        if (typeText is not null && !(WireNames.TryParse(typeText, out type) && type.ToWire() == typeText))
        {
            integration.Error("type", $"must be one of {WireNames.Allowed<IntegrationType>()}");
        }

        var urgency = IntegrationConfig.DefaultUrgency;
        var urgencyText = integration.String("urgency");
        if (urgencyText is not null && !TryParseUrgency(urgencyText, out urgency))
        {
            integration.Error("urgency", $"must be one of {WireNames.Allowed<Urgency>()}");
        }

        var team = integration.String("team", required: true);
        if (team is not null)
        {
            CheckReference(integration, "team", _teams, "team", team);
        }
        var enabled = integration.Boolean("enabled") ?? true;
        return new IntegrationConfig(id, name, type, urgency, team ?? "", enabled, token, TokenHash: null);
    }
}
