using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ServerlessInventory.Functions.Ops.Console;

/// <summary>One file of the ops console as it is served: its bytes, media type and caching rule.</summary>
public sealed record OpsConsoleAsset(string Name, byte[] Content, string ContentType, string CacheControl);

/// <summary>
/// The ops console: one static page, its stylesheet and its script, embedded in this assembly so the function app
/// and the runner serve the same files with no build step and nothing fetched from elsewhere. The page calls the
/// product's own API only, which is what the Content-Security-Policy says.
/// </summary>
public static class OpsConsoleAssets
{
    public const string PageName = "index.html";

    /// <summary>Scripts, styles and API calls from this origin only; no inline code, no frames, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "ServerlessInventory.Functions.Ops.Console.wwwroot.";

    private static readonly FrozenDictionary<string, string> _types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OpsConsoleAsset> _assets = Load();

    /// <summary>The served file names (the page is also served for an empty path).</summary>
    public static IReadOnlyCollection<string> Names => _assets.Keys;

    /// <summary>
    /// The file at <paramref name="path"/> (empty: the page), or null. In Azure a browser opens the page with the admin
    /// key as <c>?code=</c>, which the host requires on every request: the page's references to its own files then carry
    /// it too. The page is never stored by a cache, since it may hold that key.
    /// </summary>
    public static OpsConsoleAsset? Find(string? path, string? code = null)
    {
        var name = string.IsNullOrEmpty(path) ? PageName : path;
        if (!_assets.TryGetValue(name, out var asset))
        {
            return null;
        }
        if (name != PageName || string.IsNullOrEmpty(code))
        {
            return asset;
        }
        var query = "?code=" + Uri.EscapeDataString(code);
        var page = Encoding.UTF8.GetString(asset.Content)
            .Replace("href=\"favicon.svg\"", $"href=\"favicon.svg{query}\"", StringComparison.Ordinal)
            .Replace("href=\"console.css\"", $"href=\"console.css{query}\"", StringComparison.Ordinal)
            .Replace("src=\"console.js\"", $"src=\"console.js{query}\"", StringComparison.Ordinal);
        return asset with { Content = Encoding.UTF8.GetBytes(page) };
    }

    /// <summary>The security and caching headers every console file is served with.</summary>
    public static void WriteHeaders(IHeaderDictionary headers, OpsConsoleAsset asset)
    {
        headers.CacheControl = asset.CacheControl;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // The page's address may carry the admin key (?code=): it must not leave in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }

    private static FrozenDictionary<string, OpsConsoleAsset> Load()
    {
        var assembly = typeof(OpsConsoleAssets).Assembly;
        var assets = new Dictionary<string, OpsConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var type = _types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            // The script and stylesheet are revalidated on every load, so a new version is picked up at once.
            var cache = name == PageName ? "no-store" : "no-cache";
            assets[name] = new OpsConsoleAsset(name, copy.ToArray(), type, cache);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
