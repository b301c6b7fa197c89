using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Testing;

/// <summary>
/// Core's handlers wired by Core's own DI registration over a given store, with a fake clock and
/// configuration given as key/value pairs (the same keys as appsettings), which replace
/// <see cref="DefaultSettings"/> when given.
/// </summary>
public sealed class CoreHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <param name="configure">Registers real implementations of ports; those it leaves out get the in-memory fakes.</param>
    public CoreHarness(IInventoryStore store, IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        Time = time ?? new FakeTimeProvider(EventFactory.Epoch.AddDays(1));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? DefaultSettings).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(store)
            .AddLogging();
        configure?.Invoke(services);
        services.TryAddSingleton<IEventPublisher, RecordingEventPublisher>();
        services.TryAddSingleton<IAvailabilitySink, RecordingAvailabilitySink>();
        services.TryAddSingleton<IParkedEventStore, InMemoryParkedEventStore>();
        services.TryAddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>();
        services.TryAddSingleton<IPushStateStore, InMemoryPushStateStore>();
        services.TryAddSingleton<IReportedLevelStore, InMemoryReportedLevelStore>();
        services.TryAddSingleton<IReconciliationReportStore, InMemoryReconciliationReportStore>();
        // A store's SKU list lives beside it (SqliteSkuDirectory, CosmosSkuDirectory): a test that reconciles registers it.
        services.TryAddSingleton<ISkuDirectory>(_ => store as ISkuDirectory
            ?? throw new InvalidOperationException($"register the ISkuDirectory of {store.GetType().Name} to reconcile"));
        services.TryAddSingleton<IChannelRegistry, InMemoryChannelRegistry>();
        _provider = services
            .AddInventoryCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Two channels over three locations, no allocation, retries without waiting.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings { get; } = new Dictionary<string, string?>
    {
        ["Inventory:ConflictBackoff"] = "00:00:00",
        ["Inventory:MaxConcurrencyAttempts"] = "100",
        ["Catalog:Channels:web:Locations:0"] = "dc-1",
        ["Catalog:Channels:web:Locations:1"] = "store-1",
        ["Catalog:Channels:web:Locations:2"] = "store-2",
        ["Catalog:Channels:pos:Locations:0"] = "store-1",
    };

    public FakeTimeProvider Time { get; }

    public ApplyEventsHandler Apply => Get<ApplyEventsHandler>();

    public ReserveHandler Reserve => Get<ReserveHandler>();

    public ReservationLifecycleHandler Lifecycle => Get<ReservationLifecycleHandler>();

    public QueryInventoryHandler Inventory => Get<QueryInventoryHandler>();

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public void Dispose() => _provider.Dispose();
}
