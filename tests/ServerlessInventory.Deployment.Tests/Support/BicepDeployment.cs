using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessInventory.Deployment.Tests.Support;

[assembly: AssemblyFixture(typeof(BicepDeployment))]

namespace ServerlessInventory.Deployment.Tests.Support;

/// <summary>
/// The deployment as compiled from the working tree, built once per test run with the same bicep CLI and the same
/// commands as <c>bicep/build.sh</c> (<c>build</c>, <c>build-params</c>, <c>snapshot</c>), so the tests never depend
/// on someone having run build.sh, nor on a stale <c>bicep/out/</c>. It works on a copy of <c>bicep/</c> in a
/// temporary directory: <c>bicep snapshot</c> writes its file beside the parameters file, and a copy keeps this run
/// apart from a concurrent build.sh (CI's, or a developer's) writing <c>bicep/out/</c>. It does not lint (build.sh
/// does, in CI). When the CLI cannot be had or reports any error or warning, initialization throws and every test
/// fails with the reason: never skipped.
/// </summary>
public sealed partial class BicepDeployment : IAsyncLifetime
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BicepTimeout = TimeSpan.FromMinutes(2);
    private const string Placeholder = "00000000-0000-0000-0000-000000000000";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "si-bicep-" + Guid.NewGuid().ToString("N")[..12]);
    private JsonObject? _template;
    private JsonObject? _parameters;
    private JsonArray? _resources;

    /// <summary>bicep/out/main.json's equivalent: the compiled ARM template.</summary>
    public JsonObject Template => _template ?? throw new InvalidOperationException("not built");

    /// <summary>The value of a parameter as main.bicepparam sets it (compiled, with its environment defaults).</summary>
    public JsonNode Parameter(string name) =>
        (_parameters ?? throw new InvalidOperationException("not built"))["parameters"]?[name]?["value"]
        ?? throw new InvalidOperationException($"main.bicepparam sets no '{name}' (main.parameters.json)");

    /// <summary>Every resource of the snapshot with its evaluated properties.</summary>
    public IReadOnlyList<JsonObject> Resources => [.. (_resources ?? throw new InvalidOperationException("not built")).Select(r => r!.AsObject())];

    /// <summary>The resources of one type, e.g. <c>Microsoft.ServiceBus/namespaces/topics</c>.</summary>
    public IReadOnlyList<JsonObject> OfType(string type) =>
        [.. Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The one resource of a type whose name ends with <paramref name="nameSuffix"/> (e.g. <c>/inventory-events/apply</c>).</summary>
    public JsonObject Resource(string type, string nameSuffix)
    {
        var found = OfType(type).Where(r => ((string?)r["name"] ?? "").EndsWith(nameSuffix, StringComparison.Ordinal)).ToList();
        found.Count.ShouldBe(1, $"the snapshot should hold exactly one {type} named *{nameSuffix}; it holds {found.Count}");
        return found[0];
    }

    /// <summary>The function app's settings (the <c>Microsoft.Web/sites/config</c> appsettings resource's properties).</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var config = OfType("Microsoft.Web/sites/config").Where(r => ((string?)r["name"])?.EndsWith("/appsettings", StringComparison.Ordinal) == true).ToList();
            config.Count.ShouldBe(1, "the snapshot should hold one Microsoft.Web/sites/config appsettings resource");
            return config[0]["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException($"the bicep CLI package used (Azure.Bicep.CommandLine.linux-x64) runs on Linux x64; this is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        }
        var cancellationToken = TestContext.Current.CancellationToken;
        CopyDirectory(RepositoryFiles.PathOf("bicep"), _work);
        var bicep = await RestoreCliAsync(cancellationToken).ConfigureAwait(false);

        var main = Path.Combine(_work, "main.bicep");
        var parameters = Path.Combine(_work, "main.bicepparam");
        await Task.WhenAll(
            RunBicepAsync(bicep, ["build", main, "--outfile", Path.Combine(_work, "main.json")], cancellationToken),
            RunBicepAsync(bicep, ["build-params", parameters, "--outfile", Path.Combine(_work, "main.parameters.json")], cancellationToken),
            RunBicepAsync(bicep, ["snapshot", parameters, "--mode", "overwrite", "--location", "westeurope", "--deployment-name", "ci",
                "--tenant-id", Placeholder, "--subscription-id", Placeholder], cancellationToken)).ConfigureAwait(false);

        _template = Load("main.json");
        _parameters = Load("main.parameters.json");
        var snapshot = Load("main.snapshot.json");
        var diagnostics = snapshot["diagnostics"]?.AsArray() ?? [];
        diagnostics.Count.ShouldBe(0, $"bicep snapshot reported diagnostics: {diagnostics.ToJsonString()}");
        _resources = snapshot["predictedResources"]?.AsArray() ?? throw new InvalidDataException("the snapshot has no predictedResources");
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing the run for.
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Restores tools/BicepCli.proj (as build.sh does) and returns the CLI from the global packages folder.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private async Task<string> RestoreCliAsync(CancellationToken cancellationToken)
    {
        var project = Path.Combine(_work, "tools", "BicepCli.proj");
        var version = PackageVersion().Match(File.ReadAllText(project)) is { Success: true } match
            ? match.Groups["version"].Value
            : throw new InvalidDataException("bicep/tools/BicepCli.proj has no PackageDownload of Azure.Bicep.CommandLine.linux-x64 with an exact [version]");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        await Cli.RunAsync(dotnet, ["restore", project, "--verbosity", "quiet"], _work, RestoreTimeout, cancellationToken).ConfigureAwait(false);

        var assets = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_work, "tools", "obj", "project.assets.json"), cancellationToken).ConfigureAwait(false));
        var packages = assets?["packageFolders"]?.AsObject().Select(p => p.Key).FirstOrDefault()
            ?? throw new InvalidDataException("the restore of BicepCli.proj named no packages folder");
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (!File.Exists(bicep))
        {
            throw new FileNotFoundException($"the bicep CLI is not at {bicep} after restoring Azure.Bicep.CommandLine.linux-x64 {version}");
        }
        // NuGet does not keep the executable bit of the files it extracts.
        if (!File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        var reported = await Cli.RunAsync(bicep, ["--version"], _work, BicepTimeout, cancellationToken).ConfigureAwait(false);
        reported.ShouldContain(version, Case.Sensitive, $"{bicep} should be version {version}");
        return bicep;
    }

    /// <summary>As build.sh: bicep exits 0 on warnings, so its output is read and any Error or Warning line fails.</summary>
    private async Task RunBicepAsync(string bicep, string[] arguments, CancellationToken cancellationToken)
    {
        var output = await Cli.RunAsync(bicep, arguments, _work, BicepTimeout, cancellationToken).ConfigureAwait(false);
        if (Diagnostic().IsMatch(output))
        {
            throw new InvalidOperationException($"'bicep {string.Join(' ', arguments)}' reported diagnostics (warnings fail, as in bicep/build.sh):{Environment.NewLine}{output}");
        }
    }

    private JsonObject Load(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_work, file)))?.AsObject() ?? throw new InvalidDataException($"{file} is empty");

    /// <summary>The sources only: a previous build's out/ and the restore's obj/ are left behind.</summary>
    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("out" or "obj" or "bin")))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    [GeneratedRegex(@"PackageDownload\s+Include=""Azure\.Bicep\.CommandLine\.linux-x64""\s+Version=""\[(?<version>[^\]]+)\]""")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@" : (Error|Warning) ")]
    private static partial Regex Diagnostic();
}
