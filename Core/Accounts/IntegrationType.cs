namespace Klaxon.Accounts;

/// <summary>
/// The format an integration's sender speaks; the integration URL accepts exactly that format. Wire form is the
/// lower-case name (<c>webhook</c>, <c>pagerduty</c>, <c>alertmanager</c>).
/// </summary>
public enum IntegrationType
{
    /// <summary>The PagerTree-compatible webhook (the default): <c>event_type</c>, <c>Id</c>, <c>Title</c>, ...</summary>
    Webhook,

    /// <summary>
    /// PagerDuty Events API v2 (<c>routing_key</c>, <c>event_action</c>, <c>dedup_key</c>, <c>payload</c>). Also reachable at
    /// <c>POST /v2/enqueue</c> with the token as routing key; generated tokens are 32 lower-case hex characters.
    /// </summary>
    Pagerduty,

    /// <summary>Prometheus Alertmanager's webhook payload (version 4): one incident per <c>groupKey</c>.</summary>
    Alertmanager,
}
