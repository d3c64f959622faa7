namespace Klaxon.Common;

/// <summary>
/// Keeps an answer about a bad request small whatever the request: a body of 2,000 repeated keys was answered with
/// 113 KB of errors (32.9 MB when the keys repeated in more places), and a 64 Ki-character key was echoed in full.
/// </summary>
public static class FieldErrors
{
    /// <summary>Errors listed at most: the first 100, then one line saying how many more there were.</summary>
    public const int MaxListed = 100;

    /// <summary>Longest field or message shown, in characters: 256; longer ones end in an ellipsis.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The errors to answer with: at most <see cref="MaxListed"/>, each shortened to <see cref="MaxTextLength"/>.</summary>
    public static IReadOnlyList<FieldError> Bounded(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listed = new List<FieldError>(Math.Min(MaxListed, 16));
        var more = 0;
        foreach (var error in errors)
        {
            if (listed.Count < MaxListed)
            {
                listed.Add(new FieldError(Shorten(error.Field), Shorten(error.Message)));
            }
            else
            {
                more++;
            }
        }
        if (more > 0)
        {
            listed.Add(new FieldError("body", $"has {more} more problems than the {MaxListed} listed; fix these first"));
        }
        return listed;
    }

    private static string Shorten(string text) =>
        text.Length <= MaxTextLength ? text : string.Concat(text.AsSpan(0, MaxTextLength - 1), "…");
}
