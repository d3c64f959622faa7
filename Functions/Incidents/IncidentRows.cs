using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Incidents;

/// <summary>
/// Row layout of the incidents table. Everything about an account's incidents shares the account's partition, so one
/// batch transaction can commit a decision atomically:
/// <list type="bullet">
/// <item><c>key|{integration}|{sha256(Id)}</c>: the dedup key's <see cref="AlertKeyState"/> (the commit point, written with If-Match).</item>
/// <item><c>inc|{9999999999-number}</c>: the incident; inverted so a range scan lists newest first.</item>
/// <item><c>tl|{number}|{ticks}|{event}|{i}</c>: timeline entries in order.</item>
/// <item><c>evt|{eventId}</c>: applied-event marker; inserting it makes a redelivered event fail the batch, so it applies once.</item>
/// <item><c>payload|{eventId}</c>: claim-checked event too large for a queue message.</item>
/// </list>
/// </summary>
public static class IncidentRows
{
    public const long MaxNumber = IncidentNumberFormat.Max;

    public static string IncidentRow(long number) =>
        "inc|" + (MaxNumber - number).ToString("D10", CultureInfo.InvariantCulture);

    public static long NumberFromIncidentRow(string rowKey) =>
        MaxNumber - long.Parse(rowKey.AsSpan(4), CultureInfo.InvariantCulture);

    public const string IncidentRangeStart = "inc|";
    public const string IncidentRangeEnd = "inc}";

    public static string KeyRow(string integrationId, string alertId) =>
        $"key|{integrationId}|{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(alertId)))}";

    public static string TimelinePrefix(long number) => $"tl|{number.ToString("D10", CultureInfo.InvariantCulture)}|";

    public static string TimelineRow(long number, DateTimeOffset at, string eventId, int index) =>
        $"{TimelinePrefix(number)}{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{eventId}|{index.ToString("D3", CultureInfo.InvariantCulture)}";

    public static string MarkerRow(string eventId) => "evt|" + eventId;

    public static string PayloadRow(string eventId) => "payload|" + eventId;

    public static AlertKeyState ReadKeyState(TableEntity entity) =>
        JsonSerializer.Deserialize<AlertKeyState>(ChunkedProperty.Read(entity, "State") ?? "", KlaxonJson.Options)
        ?? throw new InvalidDataException($"Empty key state in {entity.RowKey}.");

    public static TableEntity KeyStateEntity(string accountId, string rowKey, AlertKeyState state, string integrationId, string alertId)
    {
        var entity = new TableEntity(accountId, rowKey)
        {
            ["IntegrationId"] = integrationId,
            ["AlertId"] = alertId,
            ["LatestNumber"] = state.Incidents.Count > 0 ? state.Incidents[^1].Number : null,
        };
        ChunkedProperty.WriteUtf8(entity, "State", JsonSerializer.SerializeToUtf8Bytes(state, KlaxonJson.Options));
        return entity;
    }

    /// <summary>The properties the state machine decides, for a merge into an existing incident row.</summary>
    public static TableEntity SummaryEntity(string accountId, IncidentSummary summary) =>
        new(accountId, IncidentRow(summary.Number))
        {
            ["Number"] = summary.Number,
            ["Status"] = summary.Status.ToWire(),
            ["AlertCount"] = summary.AlertCount,
            ["CreatedAt"] = summary.OpenedAt.ReceivedAt,
            ["AcknowledgedAt"] = summary.AcknowledgedAt?.ReceivedAt,
            ["AcknowledgedBy"] = summary.AcknowledgedBy,
            ["AcknowledgedVia"] = summary.AcknowledgedVia,
            ["ResolvedAt"] = summary.ResolvedAt?.ReceivedAt,
            ["ResolvedBy"] = summary.ResolvedBy,
            ["ResolvedVia"] = summary.ResolvedVia,
        };

    /// <summary>A whole new incident row: the decided summary plus the content of the alert that opened it.</summary>
    public static TableEntity NewIncidentEntity(string accountId, IncidentSummary summary, IncidentContent content, string keyRow, string incidentId)
    {
        var entity = SummaryEntity(accountId, summary);
        entity["IncidentId"] = incidentId;
        entity["DedupKey"] = content.DedupKey;
        entity["IntegrationId"] = content.IntegrationId;
        entity["TeamId"] = content.TeamId;
        entity["Urgency"] = content.Urgency.ToWire();
        entity["KeyRow"] = keyRow;
        entity["Tags"] = JsonSerializer.Serialize(content.Tags, KlaxonJson.Options);
        ChunkedProperty.Write(entity, "Title", content.Title);
        ChunkedProperty.Write(entity, "Description", content.Description);
        ChunkedProperty.Write(entity, "Details", content.Details.ToJsonString(KlaxonJson.Options));
        return entity;
    }

    public static IncidentContent ReadContent(TableEntity entity) => new(
        entity.GetString("DedupKey") ?? "",
        entity.GetString("IntegrationId") ?? "",
        entity.GetString("TeamId"),
        ChunkedProperty.Read(entity, "Title") ?? "",
        ChunkedProperty.Read(entity, "Description") ?? "",
        entity.GetString("Urgency") is { } urgency ? WireNames.Parse<Urgency>(urgency) : Urgency.High,
        JsonSerializer.Deserialize<List<string>>(entity.GetString("Tags") ?? "[]", KlaxonJson.Options) ?? [],
        JsonNode.Parse(ChunkedProperty.Read(entity, "Details") ?? "{}") as JsonObject ?? []);

    public static Incident ReadIncident(TableEntity entity, IReadOnlyList<TimelineEntry>? timeline = null)
    {
        var content = ReadContent(entity);
        return new Incident
        {
            Number = entity.GetInt64("Number") ?? NumberFromIncidentRow(entity.RowKey),
            Id = entity.GetString("IncidentId") ?? "",
            DedupKey = content.DedupKey,
            IntegrationId = content.IntegrationId,
            TeamId = content.TeamId,
            Title = content.Title,
            Description = content.Description,
            Urgency = content.Urgency,
            Status = entity.GetString("Status") is { } status ? WireNames.Parse<IncidentStatus>(status) : IncidentStatus.Open,
            AlertCount = entity.GetInt32("AlertCount") ?? 1,
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? default,
            AcknowledgedAt = entity.GetDateTimeOffset("AcknowledgedAt"),
            AcknowledgedBy = entity.GetString("AcknowledgedBy"),
            AcknowledgedVia = entity.GetString("AcknowledgedVia"),
            ResolvedAt = entity.GetDateTimeOffset("ResolvedAt"),
            ResolvedBy = entity.GetString("ResolvedBy"),
            ResolvedVia = entity.GetString("ResolvedVia"),
            Tags = content.Tags,
            Details = content.Details,
            Timeline = timeline,
        };
    }

    public static TableEntity TimelineEntity(string accountId, TimelineNote note, string eventId, int index, DateTimeOffset recordedAt) =>
        new(accountId, TimelineRow(note.Number, note.At.ReceivedAt, eventId, index))
        {
            ["At"] = note.At.ReceivedAt,
            ["RecordedAt"] = recordedAt,
            ["Kind"] = note.Kind,
            ["Message"] = note.Message,
            ["Source"] = note.Source,
            ["Actor"] = note.Actor,
            ["RequestId"] = eventId,
        };

    public static TimelineEntry ReadTimeline(TableEntity entity) => new(
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetDateTimeOffset("RecordedAt") ?? default,
        entity.GetString("Kind") ?? "",
        entity.GetString("Message") ?? "",
        entity.GetString("Source") ?? "",
        entity.GetString("Actor") ?? "",
        entity.GetString("RequestId"));
}

/// <summary>What an incident says, as opposed to its state: copied from the alert that opened it.</summary>
public sealed record IncidentContent(
    string DedupKey,
    string IntegrationId,
    string? TeamId,
    string Title,
    string Description,
    Urgency Urgency,
    IReadOnlyList<string> Tags,
    JsonObject Details);
