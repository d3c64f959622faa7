using System.Text.RegularExpressions;
using Klaxon.Tests.Infra;

namespace Klaxon.Tests.Architecture;

/// <summary>
/// Reads which namespaces each source file uses, from its <c>using</c> directives and fully qualified names. That is
/// what the compiler lets a file see of another feature (a <c>Klaxon.X</c> type is out of reach without one of them),
/// so it is enough to keep the walls between projects and features.
/// </summary>
internal static partial class SourceDependencies
{
    /// <summary>The C# files of one project folder (<c>Core</c>, <c>Functions</c>), build output left out.</summary>
    public static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(RepoPaths.File(project), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Every namespace a file names with <c>using</c> or a qualified name, such as <c>Azure.Data.Tables</c>.</summary>
    public static IEnumerable<string> NamespacesUsed(string source) =>
        UsingDirective().Matches(source).Select(match => match.Groups["name"].Value)
            .Concat(QualifiedName().Matches(StripComments(source)).Select(match => match.Value));

    /// <summary>The feature a file belongs to: the second part of its namespace (<c>Klaxon.Notifications.Sms</c> is <c>Notifications</c>).</summary>
    public static string? FeatureOf(string source) => FileNamespace().Match(source) is { Success: true } match ? match.Groups["feature"].Value : null;

    /// <summary>The features a file refers to, other than its own.</summary>
    public static IEnumerable<string> FeaturesUsed(string source)
    {
        var own = FeatureOf(source);
        return KlaxonFeature().Matches(StripComments(source)).Select(match => match.Groups["feature"].Value).Where(feature => feature != own).Distinct();
    }

    /// <summary>Comments may name anything (<c>see cref</c>s to other features are documentation, not dependencies).</summary>
    private static string StripComments(string source) => Comment().Replace(source, "");

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>[A-Za-z_][\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    // A qualified name outside Klaxon: at least one dot after the root, and not the tail of a longer name
    // (Klaxon.Notifications.Twilio is Klaxon's own).
    [GeneratedRegex(@"(?<![\w.])(?:Azure|Microsoft\.Azure|Microsoft\.AspNetCore|Microsoft\.Extensions|Twilio|SendGrid|Lib\.Net)(?:\.[A-Z]\w*)+\b")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^namespace\s+Klaxon\.(?<feature>\w+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bKlaxon\.(?<feature>[A-Z]\w*)")]
    private static partial Regex KlaxonFeature();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
