namespace Klaxon.Tests.Infra;

/// <summary>The repository root: the nearest folder above the test output that holds host.json and package.json.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string File(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "host.json"))
                && System.IO.File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds host.json and package.json.");
    }
}
