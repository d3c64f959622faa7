namespace Klaxon.Accounts;

/// <summary>The path a sender uses for an integration: where each type's events are accepted.</summary>
public static class IntegrationPaths
{
    /// <summary>Stands for the token where it is not shown (tokens are shown once, when generated).</summary>
    public const string TokenPlaceholder = "{token}";

    /// <summary>
    /// <c>/heartbeat/{account}/{integration}/{token}</c> for heartbeats (check-ins), <c>/integration/…</c> for every
    /// other type (PagerDuty senders may also use <c>/v2/enqueue</c> with the token as routing key).
    /// </summary>
    /// <param name="token">The token, or <see cref="TokenPlaceholder"/>, kept as is.</param>
    public static string For(string accountId, string integrationId, IntegrationType type, string token) =>
        $"/{(type == IntegrationType.Heartbeat ? "heartbeat" : "integration")}/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(integrationId)}/" +
        (token == TokenPlaceholder ? token : Uri.EscapeDataString(token));
}
