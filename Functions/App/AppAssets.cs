using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Klaxon.App;

/// <summary>
/// The web app's files (<c>App/wwwroot</c>), embedded in the assembly at build time so the function app serves them
/// itself with no separate web server, CDN or deployment step.
/// </summary>
public static class AppAssets
{
    private const string Prefix = "klaxon-app/";

    /// <summary>
    /// The Content-Security-Policy of every app response: only this origin's scripts, styles, workers and fetches; no
    /// inline script or style, no framing, no plugins.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; "
        + "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly FrozenDictionary<string, AppAsset> Files = Load();

    /// <summary>The file at <paramref name="path"/> (relative to the app root, <c>""</c> is <c>index.html</c>), or null.</summary>
    public static AppAsset? Find(string? path)
    {
        var name = string.IsNullOrEmpty(path) || path.EndsWith('/') ? (path ?? "") + "index.html" : path;
        return Files.GetValueOrDefault(name);
    }

    public static IEnumerable<string> Paths => Files.Keys;

    private static FrozenDictionary<string, AppAsset> Load()
    {
        var assembly = typeof(AppAssets).Assembly;
        var files = new Dictionary<string, AppAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var path = resource[Prefix.Length..].Replace('\\', '/');
            files[path] = new AppAsset(path, bytes, ContentTypeOf(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".webmanifest" => "application/manifest+json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json; charset=utf-8",
        _ => "application/octet-stream",
    };
}

/// <param name="ETag">A strong validator from the content, so browsers revalidate cheaply after a deployment.</param>
public sealed record AppAsset(string Path, byte[] Content, string ContentType, string ETag);
