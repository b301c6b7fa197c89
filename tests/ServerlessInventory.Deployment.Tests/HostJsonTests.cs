using Microsoft.Extensions.Logging;
using ServerlessInventory.Deployment.Tests.Support;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// host.json is the one copy (the Functions project links it) and holds what the host needs besides the triggers'
/// Service Bus settings (checked in <see cref="ServiceBusTests"/>): the schema version and the logging levels.
/// </summary>
public sealed class HostJsonTests
{
    [Fact]
    public void HostJson_Version_IsTheV4HostSchema() =>
        ((string?)RepositoryFiles.HostJson["version"]).ShouldBe("2.0", "host.json \"version\" must be \"2.0\" for the Functions v4 host");

    [Fact]
    public void HostJson_Logging_SetsValidLevelsWithADefault()
    {
        var levels = RepositoryFiles.HostJson["logging"]?["logLevel"]?.AsObject() ?? throw new ShouldAssertException("host.json has no logging.logLevel");
        levels.ContainsKey("default").ShouldBeTrue("host.json logging.logLevel has no \"default\"");
        foreach (var (category, level) in levels)
        {
            Enum.TryParse<LogLevel>((string?)level, ignoreCase: false, out _).ShouldBeTrue($"host.json logging.logLevel.{category} = '{level}' is not a LogLevel name");
        }
    }

    [Fact]
    public void HostJson_FunctionApp_LinksTheOnlyCopy()
    {
        var project = File.ReadAllText(RepositoryFiles.PathOf("functions/ServerlessInventory.FunctionApp/ServerlessInventory.FunctionApp.csproj"));
        project.ShouldContain(@"Include=""..\..\host.json"" Link=""host.json""", Case.Sensitive, "the function app should link the root host.json");
        var copies = Directory.EnumerateFiles(RepositoryFiles.PathOf("functions"), "host.json", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f));
        copies.ShouldBeEmpty("host.json has other copies under functions/; the root one is the only one");
    }
}
