using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>
/// The shared <see cref="Testing.CoreHarness"/> (Core wired by its own DI registration) over the in-memory
/// fake store, with this project's catalog: web sells from store-1 and wh-1, pos from store-1. Settings given
/// are laid over those defaults.
/// </summary>
internal sealed class CoreHarness : IDisposable
{
    private static readonly Dictionary<string, string?> _defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Inventory:ConflictBackoff"] = "00:00:00",
        ["Catalog:Channels:web:Locations:0"] = TestData.Store.Value,
        ["Catalog:Channels:web:Locations:1"] = TestData.Warehouse.Value,
        ["Catalog:Channels:pos:Locations:0"] = TestData.Store.Value,
    };

    private readonly Testing.CoreHarness _core;

    /// <param name="configure">Registers ports of the test's own; the rest get the in-memory fakes.</param>
    public CoreHarness(IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var merged = new Dictionary<string, string?>(_defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        Store = new InMemoryInventoryStore(Levels);
        _core = new Testing.CoreHarness(Store, merged, new FakeTimeProvider(TestData.Start), services =>
        {
            services.AddSingleton<IReportedLevelStore>(Levels);
            services.AddSingleton<ISkuDirectory>(Store);
            configure?.Invoke(services);
        });
    }

    public FakeTimeProvider Time => _core.Time;

    public InMemoryInventoryStore Store { get; }

    /// <summary>The reported levels the store's commits keep, as the reconciliation run reads them.</summary>
    public Testing.InMemoryReportedLevelStore Levels { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public T Get<T>() where T : notnull => _core.Get<T>();

    public void Dispose() => _core.Dispose();
}
