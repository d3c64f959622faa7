using System.Globalization;
using System.Text.Json;

namespace Klaxon.DevHost;

/// <summary>
/// The parts of host.json DevHost honours, with the Functions host's defaults where host.json is silent:
/// <c>extensions.http.routePrefix</c> and <c>extensions.queues</c>.
/// </summary>
public sealed record HostJsonSettings
{
    public string RoutePrefix { get; init; } = "api";

    /// <summary>Messages fetched per poll. Host default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Fetch another batch when this few are still running. Host default: batchSize / 2 × processors.</summary>
    public int NewBatchThreshold { get; init; } = 8 * Environment.ProcessorCount;

    /// <summary>Longest wait between polls of an empty queue. Host default 1 minute.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its retry. Host default 0.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Attempts before a message moves to the poison queue. Host default 5.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary><c>base64</c> (host default) or <c>none</c>.</summary>
    public string MessageEncoding { get; init; } = "base64";

    public static HostJsonSettings Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = new HostJsonSettings();
        if (!document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            return settings;
        }
        if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var prefix))
        {
            settings = settings with { RoutePrefix = prefix.GetString() ?? "" };
        }
        if (extensions.TryGetProperty("queues", out var queues))
        {
            var batchSize = Int(queues, "batchSize") ?? settings.BatchSize;
            settings = settings with
            {
                BatchSize = batchSize,
                NewBatchThreshold = Int(queues, "newBatchThreshold") ?? batchSize / 2 * Environment.ProcessorCount,
                MaxPollingInterval = Span(queues, "maxPollingInterval") ?? settings.MaxPollingInterval,
                VisibilityTimeout = Span(queues, "visibilityTimeout") ?? settings.VisibilityTimeout,
                MaxDequeueCount = Int(queues, "maxDequeueCount") ?? settings.MaxDequeueCount,
                MessageEncoding = queues.TryGetProperty("messageEncoding", out var encoding) ? encoding.GetString() ?? "base64" : settings.MessageEncoding,
            };
        }
        return settings;
    }

    private static int? Int(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static TimeSpan? Span(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;
}
