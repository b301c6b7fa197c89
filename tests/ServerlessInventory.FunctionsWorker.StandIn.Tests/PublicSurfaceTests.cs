using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace ServerlessInventory.FunctionsWorker.StandIn.Tests;

public class PublicSurfaceTests
{
    // The exact list keeps additions deliberate: a type belongs here only while no served package has it.
    private static readonly string[] _expectedTypes =
    [
        "Microsoft.Azure.Functions.Worker.CosmosDBTriggerAttribute",
        "Microsoft.Azure.Functions.Worker.ServiceBusMessageActions",
        "Microsoft.Azure.Functions.Worker.ServiceBusSessionMessageActions",
        "Microsoft.Azure.Functions.Worker.ServiceBusTriggerAttribute",
    ];

    private static readonly Assembly _standIn = typeof(ServiceBusTriggerAttribute).Assembly;

    [Fact]
    public void StandIn_PublicTypes_AreExactlyTheFourOfTheUnservedExtensions() =>
        _standIn.GetExportedTypes().Select(type => type.FullName).Order(StringComparer.Ordinal).ShouldBe(_expectedTypes);

    [Fact]
    public void StandIn_Types_AppearInNoReferencedRealAssembly()
    {
        // Every assembly the stand-in and the function classes compile against, loaded: a served package that starts
        // shipping one of these types would make the build ambiguous, and the stand-in should then shrink.
        var referenced = ReferencedClosure(_standIn).Concat(ReferencedClosure(typeof(ServerlessInventory.Functions.AppSettings).Assembly))
            .Where(a => a != _standIn && a.GetName().Name != _standIn.GetName().Name)
            .DistinctBy(a => a.FullName)
            .ToList();
        referenced.ShouldContain(a => a.GetName().Name == "Microsoft.Azure.Functions.Worker.Core", "the real worker should be among the references checked");
        var clashes = referenced
            .SelectMany(a => _expectedTypes.Where(name => a.GetType(name, throwOnError: false) is not null).Select(name => $"{name} in {a.GetName().Name}"))
            .ToList();
        clashes.ShouldBeEmpty();
    }

    [Fact]
    public void StandIn_Assembly_DeclaresNoHostExtension()
    {
        // With [ExtensionInformation] the Sdk's inner extensions build would ask the mirror for the WebJobs extension it
        // does not serve; the real extension packages (UseRealTriggerExtensions=true) bring it instead.
        _standIn.GetCustomAttributesData().ShouldNotContain(a => a.AttributeType.Name == "ExtensionInformationAttribute");
    }

    private static IReadOnlyCollection<Assembly> ReferencedClosure(Assembly root)
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([root]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (seen.ContainsKey(name.FullName) || name.Name!.StartsWith("System", StringComparison.Ordinal))
                {
                    continue;
                }
                try
                {
                    var loaded = Assembly.Load(name);
                    seen[name.FullName] = loaded;
                    pending.Push(loaded);
                }
                catch (FileNotFoundException)
                {
                    // A reference only needed at design time is not deployed beside the tests; it cannot clash at run time.
                }
            }
        }
        return [.. seen.Values];
    }
}
