using System.Text.Json;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Incidents;

namespace Klaxon.Notifications;

/// <summary>Reads a message from the notifications queue as the type its <c>kind</c> names.</summary>
public static class NotificationMessages
{
    /// <exception cref="InvalidDataException">The message is empty, has no known kind, or lacks what its kind needs.</exception>
    public static INotificationMessage Read(string json)
    {
        var kindText = JsonNode.Parse(json)?["kind"]?.GetValue<string>();
        if (!WireNames.TryParse<NotificationKind>(kindText, out var kind))
        {
            throw new InvalidDataException($"Unknown notification message kind '{kindText}'.");
        }
        INotificationMessage? message = kind switch
        {
            NotificationKind.Page => JsonSerializer.Deserialize<PageJob>(json, KlaxonJson.Options),
            NotificationKind.Bundle => JsonSerializer.Deserialize<BundleJob>(json, KlaxonJson.Options),
            _ => JsonSerializer.Deserialize<IncidentSignalJob>(json, KlaxonJson.Options),
        };
        return message switch
        {
            null => throw new InvalidDataException("Empty notification message."),
            DeliveryJob { UserId: null or "" } job => throw new InvalidDataException($"{kind.ToWire()} job {job.JobId} names no user."),
            BundleJob { Address: null or "" } job => throw new InvalidDataException($"Bundle job {job.JobId} names no phone."),
            _ => message,
        };
    }
}
