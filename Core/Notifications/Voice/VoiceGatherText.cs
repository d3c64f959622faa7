using System.Globalization;
using Klaxon.Incidents;

namespace Klaxon.Notifications.Voice;

/// <summary>What Klaxon says on a page call after the keypad press.</summary>
public static class VoiceGatherText
{
    /// <summary>The key that acknowledges, and the one that resolves.</summary>
    public const string AcknowledgeDigit = "4", ResolveDigit = "6";

    public const string Goodbye = "Goodbye.";

    /// <summary>Said before hanging up on a callback that may not act (unknown user, or the call is not to their phone).</summary>
    public const string Refused = "This call cannot change incidents. Goodbye.";

    /// <summary>Said before hanging up on a keypress this call already made at this step (a replayed request).</summary>
    public const string AlreadyActedOn = "This choice was already made. Goodbye.";

    /// <summary>"Press 4 to acknowledge incident 42, or 6 to resolve it." (plural for a summary call).</summary>
    public static string Choices(IReadOnlyList<long> numbers) => numbers.Count == 1
        ? $"Press {AcknowledgeDigit} to acknowledge incident {List(numbers)}, or {ResolveDigit} to resolve it."
        : $"Press {AcknowledgeDigit} to acknowledge incidents {List(numbers)}, or {ResolveDigit} to resolve them.";

    /// <summary>"Incident 42 acknowledged. Incidents 40 and 41 are already resolved. Goodbye."</summary>
    public static string Outcome(IncidentActionKind action, IReadOnlyList<long> done, IReadOnlyList<long> alreadyResolved, IReadOnlyList<long> notFound)
    {
        var sentences = new List<string>();
        if (done.Count > 0)
        {
            sentences.Add($"{Noun(done)} {(action == IncidentActionKind.Resolve ? "resolved" : "acknowledged")}.");
        }
        if (alreadyResolved.Count > 0)
        {
            sentences.Add($"{Noun(alreadyResolved)} {(alreadyResolved.Count == 1 ? "is" : "are")} already resolved.");
        }
        if (notFound.Count > 0)
        {
            sentences.Add($"{Noun(notFound)} {(notFound.Count == 1 ? "was" : "were")} not found.");
        }
        sentences.Add(Goodbye);
        return string.Join(' ', sentences);
    }

    private static string Noun(IReadOnlyList<long> numbers) => (numbers.Count == 1 ? "Incident " : "Incidents ") + List(numbers);

    /// <summary>"42", "42 and 43", "42, 43 and 44".</summary>
    private static string List(IReadOnlyList<long> numbers)
    {
        var text = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count == 1 ? text[0] : string.Join(", ", text[..^1]) + " and " + text[^1];
    }
}
