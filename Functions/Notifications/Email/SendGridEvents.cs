using System.Globalization;
using System.Text.Json;
using Klaxon.Notifications.Delivery;

namespace Klaxon.Notifications.Email;

/// <summary>
/// Reads SendGrid's event webhook body, a JSON array of events, into delivery status updates: <c>processed</c> → sent,
/// <c>delivered</c> → delivered, <c>bounce</c> and <c>dropped</c> → failed (with SendGrid's reason). Other events
/// (opens, clicks, deferrals) and events without Klaxon's custom args (mail Klaxon did not send) are skipped.
/// </summary>
public static class SendGridEvents
{
    /// <summary>The provider name on the timeline.</summary>
    public const string Provider = "sendgrid";

    /// <summary>Longest failure reason kept.</summary>
    private const int MaxDetailLength = 200;

    /// <returns>The updates in the order SendGrid says the events happened, and how many events were skipped; or the
    /// problem with the body.</returns>
    public static (IReadOnlyList<DeliveryStatusUpdate> Updates, int Skipped, string? Error) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException invalid)
        {
            return ([], 0, $"body must be valid JSON: {invalid.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], 0, "body must be a JSON array of event objects");
            }
            var updates = new List<(long At, DeliveryStatusUpdate Update)>();
            var skipped = 0;
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return ([], 0, $"[{index.ToString(CultureInfo.InvariantCulture)}] must be an event object");
                }
                if (Read(item) is { } update)
                {
                    updates.Add((Long(item, "timestamp") ?? 0, update));
                }
                else
                {
                    skipped++;
                }
                index++;
            }
            // Forward-only recording would drop "processed" after "delivered"; apply them in the order they happened.
            return ([.. updates.OrderBy(u => u.At).Select(u => u.Update)], skipped, null);
        }
    }

    private static DeliveryStatusUpdate? Read(JsonElement item)
    {
        DeliveryState? state = String(item, "event") switch
        {
            "processed" => DeliveryState.Sent,
            "delivered" => DeliveryState.Delivered,
            "bounce" or "dropped" => DeliveryState.Failed,
            _ => null,
        };
        var account = String(item, SendGridEmailSender.AccountArg);
        var job = String(item, SendGridEmailSender.JobArg);
        var number = Long(item, SendGridEmailSender.IncidentArg);
        if (state is null || string.IsNullOrWhiteSpace(account) || string.IsNullOrWhiteSpace(job) || number is not > 0)
        {
            return null;
        }
        string? detail = null;
        if (state == DeliveryState.Failed)
        {
            var reason = String(item, "reason") ?? String(item, "type") ?? String(item, "event");
            // The timeline line ends the detail with its own full stop.
            detail = EmailContent.OneLine(reason!).TrimEnd('.');
            detail = detail.Length <= MaxDetailLength ? detail : detail[..(MaxDetailLength - 1)] + "…";
        }
        return new DeliveryStatusUpdate(account, number.Value, job, state.Value, Provider, detail);
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Custom args come back as strings; a number is taken too.</summary>
    private static long? Long(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }
        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
