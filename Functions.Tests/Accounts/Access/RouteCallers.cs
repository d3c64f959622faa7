using Klaxon.Accounts;

namespace Klaxon.Tests.Accounts.Access;

/// <summary>
/// Who may call each HTTP function, by function name: the one list the access tests hold every route to. A function
/// missing here fails <see cref="RouteAccessTests.Every_http_function_says_who_may_call_it"/>, so a new route cannot
/// ship without saying who its callers are (and, for the management API, being tried with every wrong credential).
/// </summary>
public static class RouteCallers
{
    /// <summary>The management API: the least role an account's API key needs, and whether the operator key may call it.</summary>
    public static readonly IReadOnlyDictionary<string, (ApiRole Role, bool Operator)> Management = new Dictionary<string, (ApiRole, bool)>
    {
        ["PutAccountConfig"] = (ApiRole.Admin, true), // the operator only to create an account
        ["GetAccountConfig"] = (ApiRole.Admin, false),
        ["CreateApiKey"] = (ApiRole.Admin, true),
        ["ListApiKeys"] = (ApiRole.Admin, true),
        ["RotateApiKey"] = (ApiRole.Admin, true),
        ["RevokeApiKey"] = (ApiRole.Admin, true),
        ["ListIncidents"] = (ApiRole.ReadOnly, false),
        ["GetIncident"] = (ApiRole.ReadOnly, false),
        ["AcknowledgeIncident"] = (ApiRole.Responder, false),
        ["ResolveIncident"] = (ApiRole.Responder, false),
        ["EscalateIncident"] = (ApiRole.Responder, false),
        ["AddIncidentNote"] = (ApiRole.Responder, false),
        ["StartMaintenance"] = (ApiRole.Responder, false),
        ["ListMaintenance"] = (ApiRole.ReadOnly, false),
        ["EndMaintenance"] = (ApiRole.Responder, false),
        ["GetResponseReport"] = (ApiRole.ReadOnly, false),
        ["GetOnCall"] = (ApiRole.ReadOnly, false),
        ["GetScheduleShifts"] = (ApiRole.ReadOnly, false),
        ["GetScheduleCalendar"] = (ApiRole.ReadOnly, false), // also a calendar token of that schedule in ?token=
        ["CreateCalendarToken"] = (ApiRole.Admin, false),
        ["ListCalendarTokens"] = (ApiRole.Admin, false),
        ["RotateCalendarToken"] = (ApiRole.Admin, false),
        ["RevokeCalendarToken"] = (ApiRole.Admin, false),
        ["ResetUserCalendarLinks"] = (ApiRole.Admin, false),
        ["ListWebhookDeliveries"] = (ApiRole.Admin, false),
        ["ListChatDeliveries"] = (ApiRole.Admin, false),
        ["AddPushSubscription"] = (ApiRole.Admin, false),
        ["ListPushSubscriptions"] = (ApiRole.Admin, false),
        ["DeletePushSubscription"] = (ApiRole.Admin, false),
    };

    /// <summary>Every other route, with the credential it takes instead; each has its own tests of refusal.</summary>
    public static readonly IReadOnlyDictionary<string, string> Others = new Dictionary<string, string>
    {
        ["Webhook"] = "the integration's token in the path (Ingestion tests)",
        ["WebhookWithHeaderToken"] = "the integration's token in the pagertree-token header (Ingestion tests)",
        ["HeartbeatWithHeaderToken"] = "the heartbeat integration's token in the pagertree-token header (Ingestion tests)",
        ["PagerDutyEnqueue"] = "the integration's routing key (Ingestion tests)",
        ["Heartbeat"] = "the heartbeat integration's token (Heartbeats tests)",
        ["TwilioInboundSms"] = "Twilio's request signature (Sms tests)",
        ["TwilioVoiceGather"] = "Twilio's request signature (Voice tests)",
        ["TwilioStatus"] = "Twilio's request signature (Twilio tests)",
        ["SendGridEvents"] = "SendGrid's signed event webhook (Email tests)",
        ["ShowActionLink"] = "the action link's signed token (Actions tests)",
        ["SubmitActionLink"] = "the action link's signed token (Actions tests)",
        ["GetVapidPublicKey"] = "anyone: a public key",
        ["Health"] = "anyone: channel and storage status without secrets",
        ["AppAsset"] = "anyone: the app's static files",
        ["AppSession"] = "the platform's sign-in (App tests)",
        ["AppListIncidents"] = "a signed-in user of the account (App tests)",
        ["AppGetIncident"] = "a signed-in user of the account (App tests)",
        ["AppAcknowledgeIncident"] = "a signed-in user of the account (App tests)",
        ["AppResolveIncident"] = "a signed-in user of the account (App tests)",
        ["AppAddIncidentNote"] = "a signed-in user of the account (App tests)",
        ["AppEscalateIncident"] = "a signed-in user of the account (App tests)",
        ["AppMe"] = "a signed-in user of the account (App tests)",
        ["AppAddPushDevice"] = "a signed-in user of the account (App tests)",
        ["AppRemovePushDevice"] = "a signed-in user of the account (App tests)",
        ["AppOnCall"] = "a signed-in user of the account (App tests)",
        ["AppScheduleCalendar"] = "a signed-in user of the account (App tests)",
        ["AppResetCalendarLinks"] = "a signed-in user of the account, for their own links (App tests)",
        ["AppCalendarSubscription"] = "the subscription link's signature (App tests)",
        ["AppGetConfig"] = "a signed-in admin of the account (App tests)",
        ["AppPutConfig"] = "a signed-in admin of the account (App tests)",
        ["AppListIntegrations"] = "a signed-in admin of the account (App tests)",
    };
}
