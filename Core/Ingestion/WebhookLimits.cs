namespace Klaxon.Ingestion;

/// <summary>
/// Size limits for incoming webhooks. Text lengths are counted in UTF-16 chars (<see cref="string.Length"/>),
/// which is what callers' strings, storage columns and UIs measure, so a limit means the same thing everywhere.
/// </summary>
public static class WebhookLimits
{
    /// <summary>Largest accepted request body, in bytes (512 KiB): room for a maximal description plus details.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>Longest <c>Id</c> (the sender's dedup key), in UTF-16 chars.</summary>
    public const int MaxIdLength = 255;

    /// <summary>Longest <c>Title</c>, in UTF-16 chars.</summary>
    public const int MaxTitleLength = 1024;

    /// <summary>Longest <c>Description</c>, in UTF-16 chars (64 Ki chars, not bytes).</summary>
    public const int MaxDescriptionLength = 65536;

    /// <summary>Most entries allowed in the <c>Tags</c> array, counted before duplicates are removed.</summary>
    public const int MaxTags = 50;

    /// <summary>Longest single tag, in UTF-16 chars.</summary>
    public const int MaxTagLength = 128;
}
