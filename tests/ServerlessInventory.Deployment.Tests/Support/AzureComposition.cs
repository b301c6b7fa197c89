using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.FunctionApp;
using ServerlessInventory.Functions;

namespace ServerlessInventory.Deployment.Tests.Support;

/// <summary>One bound options type: its section and the property an app setting <c>Section__Property</c> sets.</summary>
public sealed record BoundProperty(Type Options, string Section, PropertyInfo Property)
{
    public string Setting => $"{Section}__{Property.Name}";

    public string Where => $"{Options.Name}.{Property.Name}";
}

/// <summary>
/// The deployed app's composition as Program.cs builds it (<c>AddServerlessInventoryFunctions</c> then
/// <c>AddAzureAdapters</c>), over app settings as the Functions host presents them (<c>__</c> is the section separator).
/// The bound options types are read from the registrations (each <c>Bind</c> registers an
/// <c>IOptionsChangeTokenSource&lt;T&gt;</c>), so a new options class is checked without being listed anywhere.
/// </summary>
public static class AzureComposition
{
    private static readonly HashSet<Type> ScalarTypes =
    [
        typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(TimeSpan), typeof(Uri), typeof(DateTimeOffset), typeof(Guid),
    ];

    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> appSettings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(appSettings.Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value)))
            .Build();

    public static ServiceCollection Services(IReadOnlyDictionary<string, string> appSettings)
    {
        var configuration = Configuration(appSettings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddServerlessInventoryFunctions(configuration);
        services.AddAzureAdapters(configuration);
        return services;
    }

    /// <summary>Every options type bound from configuration by the composition.</summary>
    public static IReadOnlyList<Type> BoundOptionsTypes(IServiceCollection services) =>
        [.. services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>The <c>public const string SectionName</c> every options class declares (the section it is bound from).</summary>
    public static string SectionName(Type options) =>
        options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string name
            ? name
            : throw new ShouldAssertException($"{options.FullName} is bound from configuration but declares no public const string SectionName");

    /// <summary>The public settable properties of a bound options type; <see cref="IsScalar"/> says which one app setting sets.</summary>
    public static IEnumerable<BoundProperty> Properties(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } || !IsScalar(p.PropertyType))
            .Select(p => new BoundProperty(options, SectionName(options), p));

    /// <summary>A value one setting holds (strings, numbers, bool, TimeSpan, Uri, enums); collections and objects are not.</summary>
    public static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum || ScalarTypes.Contains(underlying);
    }
}
