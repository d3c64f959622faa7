using System.Text.Json.Nodes;
using Klaxon.DevHost;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// No Functions host runs here, so the build's functions.metadata (what the host reads to index functions) is checked
/// directly: every function's trigger and bindings, and the files `func start` needs in the output.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly string Output = FunctionsOutput();

    [Fact]
    public void Every_function_has_the_expected_trigger_and_bindings()
    {
        var functions = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")))!.AsArray()
            .ToDictionary(f => (string)f!["name"]!, f => f!.AsObject());

        var expected = new Dictionary<string, string>
        {
            ["Webhook"] = "httpTrigger Anonymous post integration/{accountId}/{integrationId}/{token}",
            ["PagerDutyEnqueue"] = "httpTrigger Anonymous post v2/enqueue",
            ["Heartbeat"] = "httpTrigger Anonymous get,post heartbeat/{accountId}/{integrationId}/{token}",
            ["WebhookWithHeaderToken"] = "httpTrigger Anonymous post integration/{accountId}/{integrationId}",
            ["HeartbeatWithHeaderToken"] = "httpTrigger Anonymous get,post heartbeat/{accountId}/{integrationId}",
            ["Health"] = "httpTrigger Anonymous get api/health",
            ["PutAccountConfig"] = "httpTrigger Anonymous put api/accounts/{accountId}/config",
            ["GetAccountConfig"] = "httpTrigger Anonymous get api/accounts/{accountId}/config",
            ["ListIncidents"] = "httpTrigger Anonymous get api/accounts/{accountId}/incidents",
            ["GetIncident"] = "httpTrigger Anonymous get api/accounts/{accountId}/incidents/{number}",
            ["AcknowledgeIncident"] = "httpTrigger Anonymous post api/accounts/{accountId}/incidents/{number}/acknowledge",
            ["ResolveIncident"] = "httpTrigger Anonymous post api/accounts/{accountId}/incidents/{number}/resolve",
            ["GetOnCall"] = "httpTrigger Anonymous get api/accounts/{accountId}/schedules/{scheduleId}/oncall",
            ["GetScheduleShifts"] = "httpTrigger Anonymous get api/accounts/{accountId}/schedules/{scheduleId}/shifts",
            ["GetScheduleCalendar"] = "httpTrigger Anonymous get api/accounts/{accountId}/schedules/{scheduleId}.ics",
            ["AddIncidentNote"] = "httpTrigger Anonymous post api/accounts/{accountId}/incidents/{number}/notes",
            ["StartMaintenance"] = "httpTrigger Anonymous post api/accounts/{accountId}/maintenance",
            ["ListMaintenance"] = "httpTrigger Anonymous get api/accounts/{accountId}/maintenance",
            ["EndMaintenance"] = "httpTrigger Anonymous post api/accounts/{accountId}/maintenance/{maintenanceId}/end",
            ["GetResponseReport"] = "httpTrigger Anonymous get api/accounts/{accountId}/reports/response",
            ["ApplyEvent"] = "queueTrigger klaxon-events AzureWebJobsStorage",
            ["DispatchNotification"] = "queueTrigger klaxon-notifications AzureWebJobsStorage",
            ["Escalate"] = "timerTrigger %EscalationSchedule%",
            ["RunEscalation"] = "queueTrigger klaxon-escalations AzureWebJobsStorage",
            ["EscalateIncident"] = "httpTrigger Anonymous post api/accounts/{accountId}/incidents/{number}/escalate",
            ["DeliverOutgoing"] = "queueTrigger klaxon-outgoing AzureWebJobsStorage",
            ["ListWebhookDeliveries"] = "httpTrigger Anonymous get api/accounts/{accountId}/webhooks/{webhookId}/deliveries",
            ["ListChatDeliveries"] = "httpTrigger Anonymous get api/accounts/{accountId}/teams/{teamId}/chat/{index}/deliveries",
            ["TwilioInboundSms"] = "httpTrigger Anonymous post twilio/sms",
            ["TwilioVoiceGather"] = "httpTrigger Anonymous post twilio/voice/gather",
            ["TwilioStatus"] = "httpTrigger Anonymous post twilio/status",
            ["ShowActionLink"] = "httpTrigger Anonymous get actions",
            ["SubmitActionLink"] = "httpTrigger Anonymous post actions",
            ["SendGridEvents"] = "httpTrigger Anonymous post sendgrid/events",
            ["AddPushSubscription"] = "httpTrigger Anonymous post api/accounts/{accountId}/users/{userId}/push-subscriptions",
            ["ListPushSubscriptions"] = "httpTrigger Anonymous get api/accounts/{accountId}/users/{userId}/push-subscriptions",
            ["DeletePushSubscription"] = "httpTrigger Anonymous delete api/accounts/{accountId}/users/{userId}/push-subscriptions/{subscriptionId}",
            ["CreateApiKey"] = "httpTrigger Anonymous post api/accounts/{accountId}/keys",
            ["ListApiKeys"] = "httpTrigger Anonymous get api/accounts/{accountId}/keys",
            ["RotateApiKey"] = "httpTrigger Anonymous post api/accounts/{accountId}/keys/{keyId}/rotate",
            ["RevokeApiKey"] = "httpTrigger Anonymous delete api/accounts/{accountId}/keys/{keyId}",
            ["CreateCalendarToken"] = "httpTrigger Anonymous post api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens",
            ["ListCalendarTokens"] = "httpTrigger Anonymous get api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens",
            ["RotateCalendarToken"] = "httpTrigger Anonymous post api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens/{tokenId}/rotate",
            ["RevokeCalendarToken"] = "httpTrigger Anonymous delete api/accounts/{accountId}/schedules/{scheduleId}/calendar-tokens/{tokenId}",
            ["ResetUserCalendarLinks"] = "httpTrigger Anonymous post api/accounts/{accountId}/users/{userId}/calendar-links/reset",
            ["GetVapidPublicKey"] = "httpTrigger Anonymous get push/vapid-public-key",
            // The responder app: anonymous at the host, authorized by the signed-in person (Klaxon.App.AppGate).
            ["AppAsset"] = "httpTrigger Anonymous get app/{*path}",
            ["AppSession"] = "httpTrigger Anonymous get app/api/session",
            ["AppListIncidents"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/incidents",
            ["AppGetIncident"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/incidents/{number}",
            ["AppAcknowledgeIncident"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/incidents/{number}/acknowledge",
            ["AppResolveIncident"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/incidents/{number}/resolve",
            ["AppAddIncidentNote"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/incidents/{number}/notes",
            ["AppEscalateIncident"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/incidents/{number}/escalate",
            ["AppOnCall"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/oncall",
            ["AppResetCalendarLinks"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/me/calendar-links/reset",
            ["AppCalendarSubscription"] = "httpTrigger Anonymous get app/calendar/{accountId}/{scheduleId}.ics",
            ["AppScheduleCalendar"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/schedules/{scheduleId}.ics",
            ["AppMe"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/me",
            ["AppAddPushDevice"] = "httpTrigger Anonymous post app/api/accounts/{accountId}/me/push-devices",
            ["AppRemovePushDevice"] = "httpTrigger Anonymous delete app/api/accounts/{accountId}/me/push-devices/{deviceId}",
            ["AppGetConfig"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/admin/config",
            ["AppPutConfig"] = "httpTrigger Anonymous put app/api/accounts/{accountId}/admin/config",
            ["AppListIntegrations"] = "httpTrigger Anonymous get app/api/accounts/{accountId}/admin/integrations",
        };
        Assert.Equal(expected.Keys.Order(), functions.Keys.Order());
        foreach (var (name, shape) in expected)
        {
            var bindings = functions[name]["bindings"]!.AsArray();
            var trigger = bindings.Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            var actual = (string)trigger["type"]! switch
            {
                "httpTrigger" => $"httpTrigger {trigger["authLevel"]} {string.Join(',', trigger["methods"]!.AsArray().Select(m => (string)m!))} {trigger["route"]}",
                "queueTrigger" => $"queueTrigger {trigger["queueName"]} {trigger["connection"]}",
                "timerTrigger" => $"timerTrigger {trigger["schedule"]}",
                var other => other,
            };
            Assert.Equal(shape, actual);
            Assert.Equal("In", (string?)trigger["direction"]);
            if (shape.StartsWith("httpTrigger", StringComparison.Ordinal))
            {
                Assert.Contains(bindings, b => (string?)b!["type"] == "http" && (string?)b["direction"] == "Out");
            }
            else
            {
                Assert.Single(bindings);
            }
        }
    }

    [Fact]
    public void Host_json_in_the_output_has_the_webhook_route_prefix_and_paging_latency_queue_settings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
        var queues = host["extensions"]!["queues"]!;
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.True(TimeSpan.Parse((string)queues["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromSeconds(2));
        Assert.Equal(5, (int?)queues["maxDequeueCount"]);
        Assert.Equal(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "host.json")), File.ReadAllText(Path.Combine(Output, "host.json")));
    }

    [Fact]
    public void Local_settings_sample_sets_every_setting_the_host_and_code_need()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "local.settings.sample.json")))!;
        var values = sample["Values"]!.AsObject();

        var codeSettings = Klaxon.Tests.Infra.AppSettings.ReadByCode().Where(s => s.StartsWith("Klaxon__", StringComparison.Ordinal) || s.StartsWith("Notifications__", StringComparison.Ordinal));
        foreach (var setting in new[] { "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "EscalationSchedule" }.Concat(codeSettings))
        {
            Assert.True(values.ContainsKey(setting), $"local.settings.sample.json lacks {setting}");
            Assert.True(values.ContainsKey("//" + setting), $"local.settings.sample.json does not explain {setting}");
        }
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
    }

    /// <summary>The Functions project's build output for the configuration these tests were built in.</summary>
    private static string FunctionsOutput()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
        var output = Path.Combine(Azurite.RepositoryRoot(), "Functions", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), $"No functions.metadata in {output}; build the Functions project first.");
        return output;
    }
}
