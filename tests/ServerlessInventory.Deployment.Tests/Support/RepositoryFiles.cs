using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessInventory.Deployment.Tests.Support;

/// <summary>
/// The checked-in files the deployment is made of, read from the working tree (not from the build output), so a test
/// always sees what would be committed. The root is found by walking up to <c>ServerlessInventory.sln</c>.
/// </summary>
public static class RepositoryFiles
{
    public const string LocalSettingsFile = "local.settings.sample.json";

    public const string HostJsonFile = "host.json";

    public const string IndexingPolicyFile = "bicep/modules/stock-indexing-policy.json";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> LazyLocalValues = new(LoadLocalValues);

    private static readonly Lazy<JsonObject> LazyHostJson = new(() => LoadJson(HostJsonFile).AsObject());

    public static string Root => LazyRoot.Value;

    /// <summary>The <c>Values</c> of local.settings.sample.json: what the Functions host puts in the app's configuration.</summary>
    public static IReadOnlyDictionary<string, string> LocalValues => LazyLocalValues.Value;

    public static JsonObject HostJson => LazyHostJson.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static JsonNode LoadJson(string relative)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };
        return JsonNode.Parse(File.ReadAllText(PathOf(relative)), documentOptions: options)
            ?? throw new InvalidDataException($"{relative} is empty");
    }

    private static Dictionary<string, string> LoadLocalValues()
    {
        var values = LoadJson(LocalSettingsFile)["Values"]?.AsObject()
            ?? throw new InvalidDataException($"{LocalSettingsFile} has no Values object");
        return values.ToDictionary(p => p.Key, p => p.Value?.GetValueKind() == JsonValueKind.String
            ? p.Value.GetValue<string>()
            : throw new InvalidDataException($"{LocalSettingsFile}: Values.{p.Key} must be a string, as app settings are"), StringComparer.Ordinal);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServerlessInventory.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"ServerlessInventory.sln not found above {AppContext.BaseDirectory}");
    }
}
