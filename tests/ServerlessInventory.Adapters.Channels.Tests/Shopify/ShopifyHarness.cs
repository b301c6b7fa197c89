using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Adapters.Channels.Shopify;
using ServerlessInventory.Adapters.Channels.Tests.Support;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using ServerlessInventory.Testing.Shopify;

namespace ServerlessInventory.Adapters.Channels.Tests.Shopify;

/// <summary>
/// A Shopify channel <c>shop</c> wired as the product wires it (<see cref="ServiceCollectionExtensions.AddChannelPush"/>),
/// pointed at a simulator, its location <see cref="Location"/> mapped to <c>dc-1</c> and items 1 to
/// <see cref="MappedItems"/> mapped to master SKUs <c>SKU-{item}</c>; reported levels go to an in-memory store.
/// </summary>
public sealed class ShopifyHarness : IAsyncDisposable
{
    public const long Location = 655441491;

    public const int MappedItems = 1000;

    public static readonly ChannelId Channel = new("shop");

    private readonly ServiceProvider _provider;

    private readonly bool _ownsSimulator;

    private ShopifyHarness(ShopifyAdminSimulator simulator, ServiceProvider provider, bool ownsSimulator)
    {
        Simulator = simulator;
        _provider = provider;
        _ownsSimulator = ownsSimulator;
    }

    public ShopifyAdminSimulator Simulator { get; }

    public IAvailabilitySink Sink => _provider.GetRequiredService<IAvailabilitySink>();

    public IChannelLevelSource Levels => _provider.GetRequiredService<IChannelLevelSource>();

    public ShopifyAdminClient Client => _provider.GetRequiredService<ShopifyAdminClient>();

    public InMemoryReportedLevelStore Reported { get; private init; } = new();

    public static async Task<ShopifyHarness> StartAsync(double restoreRate = 1000, double maximumAvailable = 2000, ShopifyAdminSimulator? shared = null)
    {
        var simulator = shared ?? await ShopifyAdminSimulator.StartAsync(restoreRate, maximumAvailable, TestContext.Current.CancellationToken);
        var channel = simulator.ShopifyChannel("dc-1", Location);
        for (var item = 1; item <= MappedItems; item++)
        {
            channel.SkuMap[$"{item}"] = new SkuMapOptions { Sku = $"SKU-{item}" };
        }
        var catalog = new CatalogOptions();
        catalog.Channels[Channel.Value] = channel;
        var reported = new InMemoryReportedLevelStore();
        // A first call warms the simulator up on a busy machine: more than the fast settings' 500 ms per attempt.
        var settings = new Dictionary<string, string?>(PushHarness.FastSettings) { ["ChannelPush:AttemptTimeout"] = "00:00:10" };
        var provider = PushHarness.BuildServices(settings, new FixedCatalogSource(catalog.ToCatalog()))
            .AddSingleton<IReportedLevelStore>(reported)
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new ShopifyHarness(simulator, provider, shared is null) { Reported = reported };
    }

    public static AvailabilityUpdate Update(long item, int available, long version = 1, int? acknowledged = null) =>
        new(Channel, $"{item}", available, version) { Acknowledged = acknowledged };

    public Task<IReadOnlyList<Exception?>> PushAsync(params AvailabilityUpdate[] updates) => Sink.PushBatchAsync(updates, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (_ownsSimulator)
        {
            await Simulator.DisposeAsync();
        }
    }
}
