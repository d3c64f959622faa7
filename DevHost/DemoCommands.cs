using Klaxon.Accounts;

namespace Klaxon.DevHost;

/// <summary>What DevHost prints for each loaded integration: its URL and a ready command or snippet for its type.</summary>
public static class DemoCommands
{
    public static string For(IntegrationUrl integration, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(baseAddress);
        var url = new Uri(baseAddress, integration.Url);
        var enqueue = new Uri(baseAddress, "v2/enqueue");
        var head = $"{Describe(integration.Type)} for account {integration.AccountId}, integration \"{integration.Name}\":";
        return integration.Type switch
        {
            IntegrationType.Pagerduty => $$$"""
                {{{head}}}
                  {{{enqueue}}}  with routing key {{{integration.Token}}}  (or the integration URL {{{url}}})
                  curl -i -X POST '{{{enqueue}}}' -H 'Content-Type: application/json' -d '{"routing_key":"{{{integration.Token}}}","event_action":"trigger","dedup_key":"db1-disk","payload":{"summary":"Disk full on db1","source":"db1","severity":"critical"}}'
                  Alertmanager: receivers: [{name: klaxon, pagerduty_configs: [{routing_key: '{{{integration.Token}}}', url: '{{{enqueue}}}'}]}]

                """,
            IntegrationType.Alertmanager => $$$"""
                {{{head}}}
                  {{{url}}}
                  Alertmanager: receivers: [{name: klaxon, webhook_configs: [{url: '{{{url}}}'}]}]
                  curl -i -X POST '{{{url}}}' -H 'Content-Type: application/json' -d '{"version":"4","groupKey":"{}:{alertname=\"DiskFull\"}","status":"firing","commonLabels":{"alertname":"DiskFull","severity":"critical"},"commonAnnotations":{"summary":"Disk full on db1"},"alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"}}]}'

                """,
            IntegrationType.Heartbeat => $$$"""
                {{{head}}}
                  {{{url}}}
                  curl -fsS '{{{url}}}'
                  cron:  0 3 * * *  /usr/local/bin/backup && curl -fsS -m 10 --retry 3 '{{{url}}}' > /dev/null

                """,
            _ => $$$"""
                {{{head}}}
                  {{{url}}}
                  curl -i -X POST '{{{url}}}' -H 'Content-Type: application/json' -d '{"event_type":"create","Id":"disk-full-db1","Title":"Disk full on db1","Description":"/var is 98% full"}'

                """,
        };
    }

    private static string Describe(IntegrationType type) => type switch
    {
        IntegrationType.Pagerduty => "PagerDuty Events API v2",
        IntegrationType.Alertmanager => "Alertmanager webhook",
        IntegrationType.Heartbeat => "Heartbeat",
        _ => "Webhook",
    };
}
