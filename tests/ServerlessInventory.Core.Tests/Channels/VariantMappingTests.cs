using System.Text.Json.Nodes;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Channels;

/// <summary>The inbound-only variant map: looked up first, then the SKU map, then the master SKU; never pushed to.</summary>
public sealed class VariantMappingTests
{
    /// <summary>Variant 808950810 is a case of six SKU-1; channel SKU 271878346596884015 is one OTHER SKU.</summary>
    private static ChannelMapping Mapping(bool requireSkuMapping = false) => new(
        new Dictionary<string, SkuMapping> { ["271878346596884015"] = new(TestData.OtherSku, 1) },
        null,
        requireSkuMapping,
        new Dictionary<string, SkuMapping> { ["808950810"] = new(TestData.Sku1, 6) });

    private static (MappingFailure? Failure, JsonObject Data) Apply(ChannelMapping mapping, string? variant, string? sku, int quantity = 2)
    {
        var data = new JsonObject { ["location"] = "store-1", ["quantity"] = quantity };
        if (variant is not null)
        {
            data["variant"] = variant;
        }
        if (sku is not null)
        {
            data["sku"] = sku;
        }
        var cloudEvent = WebhookData.Event("e-1", "shopify", "inventory.order.placed", data);
        return (mapping.Apply(cloudEvent), (JsonObject)cloudEvent["data"]!);
    }

    [Fact]
    public void Apply_MappedVariant_WinsOverTheSkuAndCountsMasterUnits()
    {
        var (failure, data) = Apply(Mapping(), "808950810", "271878346596884015");

        failure.ShouldBeNull();
        data["sku"]!.GetValue<string>().ShouldBe(TestData.Sku1.Value);
        data["quantity"]!.GetValue<int>().ShouldBe(12);
    }

    [Fact]
    public void Apply_UnmappedVariantWithMappedChannelSku_FallsBackToTheSkuMap()
    {
        var (failure, data) = Apply(Mapping(requireSkuMapping: true), "1", "271878346596884015");

        failure.ShouldBeNull();
        data["sku"]!.GetValue<string>().ShouldBe(TestData.OtherSku.Value);
    }

    [Fact]
    public void Apply_UnmappedVariantWithMasterSku_TakesTheMasterSkuUnlessMappingIsRequired()
    {
        Apply(Mapping(), "1", "SKU-9").Data["sku"]!.GetValue<string>().ShouldBe("SKU-9");

        var required = Apply(Mapping(requireSkuMapping: true), "1", "SKU-9").Failure.ShouldNotBeNull();
        required.Field.ShouldBe("data.variant");
        required.Reason.ShouldContain("'1'");
        required.Reason.ShouldContain("SKU-9");
    }

    [Fact]
    public void Apply_UnmappedVariantWithoutSku_FailsNamingTheVariant()
    {
        var failure = Apply(Mapping(), "77", null).Failure.ShouldNotBeNull();

        failure.Field.ShouldBe("data.variant");
        failure.Reason.ShouldContain("77");
    }

    [Fact]
    public void ToChannel_MasterSkuOnlyAVariantNames_IsNeverPushedUnderTheVariant()
    {
        Mapping(requireSkuMapping: true).ToChannel(TestData.Sku1, 30).ShouldBeEmpty();
        Mapping().ToChannel(TestData.Sku1, 30).ShouldBe([(TestData.Sku1.Value, 30)]);
    }

    [Fact]
    public void MappedLocations_TwoChannelIdsOfOneStore_IsThatOneStore()
    {
        var mapping = new ChannelMapping(null, new Dictionary<string, LocationId> { ["24826418"] = TestData.Store, ["655441491"] = TestData.Store });

        mapping.MappedLocations.ShouldBe([TestData.Store]);
    }
}
