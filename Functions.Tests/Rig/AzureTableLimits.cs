using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Tests.Rig;

/// <summary>
/// Azurite stores entities that Azure Table storage refuses. This policy holds every write to the size rules of the real
/// service and fails the request as Azure would: at most 1 MiB per entity (Azure's own formula), 64 KiB per binary
/// property, 32 Ki UTF-16 characters per string property and 252 properties of one's own. A test that passes with it
/// therefore writes nothing a deployment could not store; without it, a 202 could be followed by a poisoned event.
/// </summary>
public sealed class AzureTableLimits : HttpPipelinePolicy
{
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxProperties = 252;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private static void Check(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Delete || message.Request.Content is null)
        {
            return;
        }
        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        // A batch is multipart: each operation's entity is a JSON object on a line of its own.
        var bodies = text.TrimStart().StartsWith('{') ? [text] : text.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('{'));
        foreach (var body in bodies)
        {
            if (Violation(body) is { } problem)
            {
                throw new InvalidOperationException($"Azure Table storage would refuse this entity ({message.Request.Uri}): {problem}");
            }
        }
    }

    /// <summary>Azure's size formula: 4 + 2 × (PartitionKey + RowKey length), plus per property 8 + 2 × name length + its value's size.</summary>
    public static string? Violation(string entityJson)
    {
        using var document = JsonDocument.Parse(entityJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        long size = 4;
        var own = 0;
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains("@odata.", StringComparison.Ordinal))
            {
                continue;
            }
            if (name is "PartitionKey" or "RowKey")
            {
                size += 2L * (property.Value.GetString()?.Length ?? 0);
                continue;
            }
            if (name == "Timestamp")
            {
                continue;
            }
            own++;
            var type = root.TryGetProperty(name + "@odata.type", out var annotation) ? annotation.GetString() : null;
            long value;
            switch (type, property.Value.ValueKind)
            {
                case ("Edm.Binary", _):
                    value = Convert.FromBase64String(property.Value.GetString()!).Length;
                    if (value > MaxBinaryBytes)
                    {
                        return $"binary property {name} has {value} bytes (at most {MaxBinaryBytes})";
                    }
                    value += 4;
                    break;
                case ("Edm.Int64" or "Edm.DateTime" or "Edm.Double", _):
                    value = 8;
                    break;
                case ("Edm.Guid", _):
                    value = 16;
                    break;
                case (_, JsonValueKind.String):
                    var chars = property.Value.GetString()!.Length;
                    if (chars > MaxStringChars)
                    {
                        return $"string property {name} has {chars} characters (at most {MaxStringChars})";
                    }
                    value = 4 + 2L * chars;
                    break;
                case (_, JsonValueKind.True or JsonValueKind.False):
                    value = 1;
                    break;
                case (_, JsonValueKind.Number):
                    value = property.Value.TryGetInt32(out _) ? 4 : 8;
                    break;
                default:
                    value = 0;
                    break;
            }
            size += 8 + 2L * name.Length + value;
        }
        if (own > MaxProperties)
        {
            return $"{own} properties (at most {MaxProperties})";
        }
        return size > MaxEntityBytes ? $"{size} bytes by Azure's formula (at most {MaxEntityBytes})" : null;
    }
}
