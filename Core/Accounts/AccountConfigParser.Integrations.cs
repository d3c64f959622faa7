using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] IntegrationProperties = ["id", "token", "name", "type", "urgency", "team", "enabled", "interval", "grace"];

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
        return new IntegrationConfig(id, name, type, urgency, team ?? "", enabled, token, TokenHash: null, ReadHeartbeat(integration, type, typeText is null));
    }

    /// <summary><c>interval</c> (required) and <c>grace</c> (optional) for heartbeats; an error on any other type.</summary>
    private static HeartbeatConfig? ReadHeartbeat(ConfigObject integration, IntegrationType type, bool typeDefaulted)
    {
        if (type != IntegrationType.Heartbeat)
        {
            foreach (var name in (string[])["interval", "grace"])
            {
                if (integration.Has(name))
                {
                    integration.Error(name, $"is only for heartbeat integrations (this one is {(typeDefaulted ? "a webhook by default" : type.ToWire())})");
                }
            }
            return null;
        }
        var interval = ReadDuration(integration, "interval", required: true);
        if (interval is { } every && every.ApproximateTimeSpan < HeartbeatConfig.MinInterval)
        {
            integration.Error("interval", "must be at least PT1M");
        }
        var grace = ReadDuration(integration, "grace", required: false) ?? IsoDuration.Zero;
        return new HeartbeatConfig(interval ?? IsoDuration.Zero, grace);
    }
}
