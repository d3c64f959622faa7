namespace Klaxon.Accounts;

/// <summary>
/// The format an integration's sender speaks; the integration URL accepts exactly that format. Wire form is the
/// lower-case name (<c>webhook</c>, <c>pagerduty</c>, <c>alertmanager</c>, <c>heartbeat</c>).
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

    /// <summary>
    /// A dead man's switch: the sender checks in at <c>/heartbeat/{accountId}/{integrationId}/{token}</c>; no check-in
    /// within <see cref="HeartbeatConfig.Interval"/> plus <see cref="HeartbeatConfig.Grace"/> opens an incident, and the
    /// next check-in resolves it.
    /// </summary>
    Heartbeat,
}
