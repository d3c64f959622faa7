using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaxon.Common;

/// <summary>The one set of JSON options for API responses, queue messages and stored state.</summary>
public static class KlaxonJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Senders' bodies are held to 64 levels when parsed; the envelope on the queue, the stored record and the API's
        // lists wrap them in a few more. Twice that, so anything accepted can always be written and read back.
        MaxDepth = 128,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Incident titles and details are shown to people; keep non-ASCII readable. Responses are JSON, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
