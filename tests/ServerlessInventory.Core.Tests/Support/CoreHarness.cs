using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>
/// Core as a host wires it: <see cref="ServiceCollectionExtensions.AddInventoryCore"/> over configuration, with
/// the in-memory fake store and a fake clock. The catalog comes from configuration like in production:
/// web sells from store-1 and wh-1, pos from store-1.
/// </summary>
internal sealed class CoreHarness : IDisposable
{
    public CoreHarness(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Inventory:ConflictBackoff"] = "00:00:00",
            ["Catalog:Channels:web:Locations:0"] = TestData.Store.Value,
            ["Catalog:Channels:web:Locations:1"] = TestData.Warehouse.Value,
            ["Catalog:Channels:pos:Locations:0"] = TestData.Store.Value,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IInventoryStore>(Store);
        services.AddInventoryCore(configuration);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(TestData.Start);

    public InMemoryInventoryStore Store { get; } = new();

    public ServiceProvider Provider { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose() => Provider.Dispose();
}
