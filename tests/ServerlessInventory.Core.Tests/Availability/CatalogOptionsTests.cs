using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Availability;

public class CatalogOptionsTests
{
    private static CatalogOptions Valid() => new()
    {
        Channels =
        {
            ["web"] = new ChannelOptions { Locations = { "store-1", "wh-1" }, Buffer = 1, AllocationPercent = 40 },
            ["wholesale"] = new ChannelOptions { Locations = { "wh-1" }, AllocationCap = 3 },
            ["pos"] = new ChannelOptions { Locations = { "store-1" } },
        },
        DefaultSafetyStock = 1,
        SafetyStock = { ["SKU-1"] = 2, ["SKU-1@store-1"] = 4 },
    };

    [Fact]
    public void ToCatalog_Channels_BecomePolicies()
    {
        var catalog = Valid().ToCatalog();

        catalog.TryGetChannel(Web, out var web).ShouldBeTrue();
        web.Locations.ShouldBe([Store, Warehouse]);
        web.Buffer.ShouldBe(1);
        web.Allocation.ShouldBe(Allocation.Percent(40));
        catalog.TryGetChannel(new ChannelId("wholesale"), out var wholesale).ShouldBeTrue();
        wholesale.Allocation.ShouldBe(Allocation.Cap(3));
        catalog.TryGetChannel(Pos, out var pos).ShouldBeTrue();
        pos.Allocation.ShouldBe(Allocation.Whole);
        pos.Buffer.ShouldBe(0);
    }

    [Fact]
    public void ToCatalog_SafetyStockKeys_SetSkuAndPositionLevels()
    {
        var catalog = Valid().ToCatalog();

        catalog.SafetyStock(Sku1, Store).ShouldBe(4);
        catalog.SafetyStock(Sku1, Warehouse).ShouldBe(2);
        catalog.SafetyStock(OtherSku, Store).ShouldBe(1);
    }

    [Fact]
    public void ToCatalog_BothAllocations_ThrowsNamingTheChannelAndAllocationPercent()
    {
        var options = Valid();
        options.Channels["web"].AllocationCap = 5;

        Should.Throw<DomainValidationException>(options.ToCatalog).Field.ShouldBe("channels:web:allocationPercent");
    }

    [Fact]
    public void Validator_ValidOptions_Succeeds() =>
        new CatalogOptionsValidator().Validate(null, Valid()).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validator_BothAllocations_FailsNamingBoth()
    {
        var options = Valid();
        options.Channels["web"].AllocationCap = 5;

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Catalog");
        result.FailureMessage.ShouldContain("allocationPercent");
        result.FailureMessage.ShouldContain("allocationCap");
    }

    [Theory]
    [InlineData("store/1", "must not contain")]
    [InlineData("", "is required")]
    [InlineData(" store-1", "white space")]
    public void Validator_BadLocation_FailsNamingLocationAndProblem(string location, string problem)
    {
        var options = Valid();
        options.Channels["pos"].Locations[0] = location;

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("location");
        result.FailureMessage.ShouldContain(problem);
    }

    [Fact]
    public void ToCatalog_ChannelWithoutLocations_IsAReportingChannelThatSellsNothing()
    {
        var options = Valid();
        options.Channels["wms"] = new ChannelOptions { Secret = "s3cret" };

        var catalog = options.ToCatalog();

        catalog.TryGetChannel(new ChannelId("wms"), out _).ShouldBeFalse();
        catalog.TryGetConnection(new ChannelId("wms"), out var connection).ShouldBeTrue();
        connection.AcceptsWebhooks.ShouldBeTrue();
    }

    [Fact]
    public void ToCatalog_SecretIsAnUnresolvedKeyVaultReference_ChannelRefusesWebhooks()
    {
        var options = Valid();
        options.Channels["web"].Secret = "@Microsoft.KeyVault(VaultName=kv-inventory;SecretName=channel-web-secret)";

        var catalog = options.ToCatalog();

        catalog.TryGetConnection(new ChannelId("web"), out var connection).ShouldBeTrue();
        connection.Secret.ShouldBeNull("the reference text is public knowledge and must never sign anything");
        connection.AcceptsWebhooks.ShouldBeFalse();
    }

    [Fact]
    public void Validator_RelativePushUrl_FailsNamingTheChannel()
    {
        var options = Valid();
        options.Channels["web"].PushUrl = new Uri("/push", UriKind.Relative);

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("channels:web:pushUrl");
    }

    [Theory]
    [InlineData("http://shop.example.com/push", false)]
    [InlineData("https://shop.example.com/push", true)]
    [InlineData("http://127.0.0.1:8080/push", true)]
    [InlineData("http://localhost/push", true)]
    public void Validator_PushUrl_HttpsOrHttpToLoopbackOnly(string url, bool valid)
    {
        var options = Valid();
        options.Channels["web"].PushUrl = new Uri(url);

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBe(!valid, url);
    }

    [Fact]
    public void Validator_VariantWithoutSku_FailsNamingTheChannelAndVariantMap()
    {
        var options = Valid();
        options.Channels["web"].VariantMap["808950810"] = new SkuMapOptions { Sku = null };

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("channels:web:variantMap");
    }

    [Fact]
    public void ToCatalog_VariantMap_MapsOrderLinesOfTheChannelInbound()
    {
        var options = Valid();
        options.Channels["web"].VariantMap["808950810"] = new SkuMapOptions { Sku = "SKU-1", UnitFactor = 6 };
        options.Channels["web"].Secret = "s";
        options.Channels["web"].Format = Core.Channels.WebhookFormat.Shopify;

        Valid().ToCatalog().TryGetConnection(Web, out _).ShouldBeTrue();
        options.ToCatalog().TryGetConnection(Web, out var connection).ShouldBeTrue();
        var cloudEvent = Support.WebhookData.Event("e-1", "web", "inventory.order.placed", new System.Text.Json.Nodes.JsonObject { ["variant"] = "808950810", ["quantity"] = 2 });
        connection.Mapping.Apply(cloudEvent).ShouldBeNull();
        cloudEvent["data"]!["sku"]!.GetValue<string>().ShouldBe("SKU-1");
        cloudEvent["data"]!["quantity"]!.GetValue<int>().ShouldBe(12);
        connection.Mapping.ToChannel(Sku1, 12).ShouldBe([("SKU-1", 12)]);
    }

    [Fact]
    public void Validator_PercentOutOfRange_Fails()
    {
        var options = Valid();
        options.Channels["web"].AllocationPercent = 120;

        new CatalogOptionsValidator().Validate(null, options).Failed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("bad/sku", 1)]
    [InlineData("SKU-1@", 1)]
    [InlineData("SKU-1", -1)]
    public void Validator_BadSafetyStock_FailsNamingSafetyStock(string key, int units)
    {
        var options = Valid();
        options.SafetyStock[key] = units;

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("safetyStock");
    }

    [Fact]
    public void Validator_NegativeDefaultSafetyStock_Fails()
    {
        var options = Valid();
        options.DefaultSafetyStock = -1;

        var result = new CatalogOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("defaultSafetyStock");
    }

    [Fact]
    public async Task ConfiguredCatalogSource_SameOptions_ReusesCatalogUntilOptionsChange()
    {
        var monitor = new MutableMonitor(Valid());
        var source = new ConfiguredCatalogSource(monitor);
        var ct = TestContext.Current.CancellationToken;

        var first = await source.GetCatalogAsync(ct);
        var second = await source.GetCatalogAsync(ct);
        monitor.CurrentValue = new CatalogOptions { Channels = { ["pos"] = new ChannelOptions { Locations = { "store-1" } } } };
        var third = await source.GetCatalogAsync(ct);

        second.ShouldBeSameAs(first);
        third.ShouldNotBeSameAs(first);
        third.TryGetChannel(Web, out _).ShouldBeFalse();
    }

    private sealed class MutableMonitor(CatalogOptions value) : IOptionsMonitor<CatalogOptions>
    {
        public CatalogOptions CurrentValue { get; set; } = value;

        public CatalogOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<CatalogOptions, string?> listener) => null;
    }
}
