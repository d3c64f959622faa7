using System.Text.Json.Nodes;
using Klaxon.Common;

namespace Klaxon.Outgoing;

/// <summary>The JSON body an outgoing webhook receives (see docs/outgoing-webhooks.md for every field).</summary>
public static class WebhookPayload
{
    /// <summary><c>incident.</c> and the kind's wire name: <c>incident.alertAdded</c>.</summary>
    public static string TypeOf(IncidentEventKind kind) => "incident." + kind.ToWire();

    public static string Create(OutgoingEvent e)
    {
        var incident = e.Incident;
        var body = new JsonObject
        {
            ["id"] = e.EventId,
            ["type"] = TypeOf(e.Kind),
            ["occurredAt"] = e.OccurredAt.UtcDateTime,
            ["account"] = e.AccountId,
            ["incident"] = new JsonObject
            {
                ["number"] = incident.Number,
                ["id"] = incident.Id,
                ["title"] = incident.Title,
                ["urgency"] = incident.Urgency.ToWire(),
                ["status"] = incident.Status.ToWire(),
                ["team"] = incident.TeamId,
                ["integration"] = incident.IntegrationId,
                ["alertCount"] = incident.AlertCount,
                ["createdAt"] = incident.CreatedAt.UtcDateTime,
                ["url"] = incident.Url,
            },
            ["actor"] = new JsonObject { ["id"] = e.Actor, ["name"] = e.ActorName, ["via"] = e.Source },
            ["message"] = e.Message,
        };
        if (e.PreviousNumber is { } previous)
        {
            body["previousIncident"] = previous;
        }
        return body.ToJsonString(KlaxonJson.Options);
    }
}
