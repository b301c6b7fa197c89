using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Testing;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

public sealed class RegistryCatalogSourceTests : IDisposable
{
    private static readonly ChannelId Shopify = new("shopify");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FlakyRegistry _registry = new();
    private readonly CatalogOptions _configured = new()
    {
        Channels =
        {
            ["web"] = new ChannelOptions { Locations = { "store-1", "wh-1" }, Secret = "web-secret" },
            ["pos"] = new ChannelOptions { Locations = { "store-1" }, Secret = "pos-secret" },
            ["shopify"] = new ChannelOptions { Secret = "shopify-secret" },
        },
        SafetyStock = { ["SKU-1"] = 3 },
    };

    private readonly RegistryCatalogSource _source;

    public RegistryCatalogSourceTests() => _source = new RegistryCatalogSource(
        _registry, new FixedMonitor(_configured), Options.Create(new RegistryCatalogOptions { CacheDuration = TimeSpan.FromSeconds(30) }),
        _time, NullLogger<RegistryCatalogSource>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _source.Dispose();

    [Fact]
    public async Task GetCatalog_ChannelInBoth_TakesTheRegistrysPolicyAndConnectionWithTheConfiguredSecret()
    {
        await Register(ChannelRegistration.Bare(Web, Warehouse) with { Buffer = 2, PushUrl = new Uri("https://web.example.com/push") });

        var catalog = await _source.GetCatalogAsync(Ct);

        catalog.TryGetChannel(Web, out var web).ShouldBeTrue();
        web.Locations.ShouldBe([Warehouse]);
        web.Buffer.ShouldBe(2);
        catalog.TryGetConnection(Web, out var connection).ShouldBeTrue();
        connection.Secret.ShouldBe("web-secret");
        connection.PushUrl.ShouldBe(new Uri("https://web.example.com/push"));
    }

    [Fact]
    public async Task GetCatalog_RegisteredLevelsUrl_IsTheConnectionsLevelsUrl()
    {
        await Register(ChannelRegistration.Bare(Web, Warehouse) with { LevelsUrl = new Uri("https://web.example.com/levels") });

        var catalog = await _source.GetCatalogAsync(Ct);

        catalog.TryGetConnection(Web, out var connection).ShouldBeTrue();
        connection.LevelsUrl.ShouldBe(new Uri("https://web.example.com/levels"));
    }

    [Fact]
    public void Registration_PlainHttpLevelsUrlToAnotherHost_IsRefusedNamingLevelsUrl()
    {
        Should.Throw<DomainValidationException>(() => ChannelRegistration.Bare(Web) with { LevelsUrl = new Uri("http://web.example.com/levels") })
            .Field.ShouldBe("levelsUrl");
    }

    [Fact]
    public async Task GetCatalog_ChannelOnlyConfiguredBySecret_GetsItsPolicyAndMappingFromTheRegistry()
    {
        var skuMap = new Dictionary<string, SkuMapping>(StringComparer.Ordinal) { ["CASE-1"] = new(Sku1, 12) };
        await Register(ChannelRegistration.Bare(Shopify, Store) with { Format = WebhookFormat.Shopify, Allocation = Allocation.Percent(50), SkuMap = skuMap });

        var catalog = await _source.GetCatalogAsync(Ct);

        catalog.TryGetChannel(Shopify, out var shopify).ShouldBeTrue();
        shopify.Allocation.ShouldBe(Allocation.Percent(50));
        catalog.TryGetConnection(Shopify, out var connection).ShouldBeTrue();
        connection.ShouldSatisfyAllConditions(c => c.Secret.ShouldBe("shopify-secret"), c => c.Format.ShouldBe(WebhookFormat.Shopify));
        var cloudEvent = new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonObject { ["sku"] = "CASE-1", ["quantity"] = 2 } };
        connection.Mapping.Apply(cloudEvent).ShouldBeNull();
        cloudEvent["data"]!["quantity"]!.GetValue<int>().ShouldBe(24);
    }

    [Fact]
    public async Task GetCatalog_RegisteredVariantMap_MapsOrderLinesOfTheChannel()
    {
        var variants = new Dictionary<string, SkuMapping>(StringComparer.Ordinal) { ["808950810"] = new(Sku1, 6) };
        await Register(ChannelRegistration.Bare(Shopify, Store) with { Format = WebhookFormat.Shopify, VariantMap = variants });

        (await _source.GetCatalogAsync(Ct)).TryGetConnection(Shopify, out var connection).ShouldBeTrue();

        var cloudEvent = new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonObject { ["variant"] = "808950810", ["quantity"] = 2 } };
        connection.Mapping.Apply(cloudEvent).ShouldBeNull();
        cloudEvent["data"]!["sku"]!.GetValue<string>().ShouldBe(Sku1.Value);
        cloudEvent["data"]!["quantity"]!.GetValue<int>().ShouldBe(12);
    }

    [Fact]
    public async Task GetCatalog_ChannelOnlyInTheRegistry_HasNoSecretAndSoRefusesWebhooks()
    {
        var amazon = new ChannelId("amazon");
        await Register(ChannelRegistration.Bare(amazon, Store));

        var catalog = await _source.GetCatalogAsync(Ct);

        catalog.TryGetConnection(amazon, out var connection).ShouldBeTrue();
        connection.AcceptsWebhooks.ShouldBeFalse();
        catalog.TryGetChannel(Pos, out _).ShouldBeTrue("configured channels not in the registry stay");
        catalog.SafetyStock(Sku1, Store).ShouldBe(3);
    }

    [Fact]
    public async Task GetCatalog_EditWithinTheCacheDuration_IsSeenOnlyAfterItExpires()
    {
        await _source.GetCatalogAsync(Ct);
        await Register(ChannelRegistration.Bare(Web, Warehouse));

        _time.Advance(TimeSpan.FromSeconds(29));
        (await _source.GetCatalogAsync(Ct)).TryGetChannel(Web, out var cached).ShouldBeTrue();
        cached.Locations.ShouldBe([Store, Warehouse]);
        _registry.Reads.ShouldBe(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        (await _source.GetCatalogAsync(Ct)).TryGetChannel(Web, out var fresh).ShouldBeTrue();
        fresh.Locations.ShouldBe([Warehouse]);
        _registry.Reads.ShouldBe(2);
    }

    [Fact]
    public async Task GetCatalog_RegistryDownAfterAGoodRead_KeepsTheLastCatalog()
    {
        await Register(ChannelRegistration.Bare(Web, Warehouse));
        await _source.GetCatalogAsync(Ct);
        _registry.Down = true;
        _time.Advance(TimeSpan.FromMinutes(1));

        var catalog = await _source.GetCatalogAsync(Ct);

        catalog.TryGetChannel(Web, out var web).ShouldBeTrue();
        web.Locations.ShouldBe([Warehouse]);
    }

    [Fact]
    public async Task GetCatalog_RegistryDownOnTheFirstRead_Throws()
    {
        _registry.Down = true;

        await Should.ThrowAsync<InvalidOperationException>(async () => await _source.GetCatalogAsync(Ct));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("02:00:00")]
    public void AddRegistryCatalogSource_CacheDurationOutOfRange_FailsValidation(string duration)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ChannelRegistry:CacheDuration"] = duration }).Build();
        using var provider = new ServiceCollection().AddRegistryCatalogSource(configuration).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RegistryCatalogOptions>>().Value);
    }

    [Fact]
    public void AddRegistryCatalogSource_Defaults_CachesThirtySecondsAndReplacesTheCatalogSource()
    {
        var services = new ServiceCollection().AddSingleton<IInventoryCatalogSource, ConfiguredCatalogSource>();
        using var provider = services.AddRegistryCatalogSource(new ConfigurationBuilder().Build()).BuildServiceProvider();

        provider.GetRequiredService<IOptions<RegistryCatalogOptions>>().Value.CacheDuration.ShouldBe(TimeSpan.FromSeconds(30));
        services.Where(d => d.ServiceType == typeof(IInventoryCatalogSource)).ShouldHaveSingleItem().ImplementationType.ShouldBe(typeof(RegistryCatalogSource));
    }

    private async Task Register(ChannelRegistration registration) =>
        (await _registry.UpsertAsync(registration, Ct)).Saved.ShouldBeTrue();

    private sealed class FixedMonitor(CatalogOptions value) : IOptionsMonitor<CatalogOptions>
    {
        public CatalogOptions CurrentValue => value;

        public CatalogOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CatalogOptions, string?> listener) => null;
    }

    /// <summary>The in-memory registry, counting list reads; when down, listing fails as a table outage would.</summary>
    private sealed class FlakyRegistry : IChannelRegistry
    {
        private readonly InMemoryChannelRegistry _inner = new();

        public bool Down { get; set; }

        public int Reads { get; private set; }

        public Task<IReadOnlyList<ChannelRegistration>> ListAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Down ? throw new InvalidOperationException("registry unavailable") : _inner.ListAsync(cancellationToken);
        }

        public Task<ChannelRegistration?> GetAsync(ChannelId channel, CancellationToken cancellationToken) => _inner.GetAsync(channel, cancellationToken);

        public Task<ChannelSaveResult> UpsertAsync(ChannelRegistration registration, CancellationToken cancellationToken) => _inner.UpsertAsync(registration, cancellationToken);

        public Task<ChannelRemoveOutcome> RemoveAsync(ChannelId channel, string? concurrencyToken, CancellationToken cancellationToken) => _inner.RemoveAsync(channel, concurrencyToken, cancellationToken);
    }
}
