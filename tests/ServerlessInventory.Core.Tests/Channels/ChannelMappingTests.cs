using System.Text.Json.Nodes;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Channels;

public sealed class ChannelMappingTests
{
    /// <summary>CASE-12 is a case of twelve SKU-1; EA-2 is one SKU-2; S1 and W1 are the store and the warehouse.</summary>
    private static ChannelMapping Mapping(bool requireSkuMapping = false) => new(
        new Dictionary<string, SkuMapping>
        {
            ["CASE-12"] = new(TestData.Sku1, 12),
            ["EA-2"] = new(TestData.OtherSku, 1),
        },
        new Dictionary<string, LocationId>
        {
            ["S1"] = TestData.Store,
            ["W1"] = TestData.Warehouse,
        },
        requireSkuMapping);

    private static JsonObject EventWith(JsonObject data) => WebhookData.Event("e-1", "shop", "inventory.sale.recorded", data);

    private static JsonObject Data(JsonObject cloudEvent) => cloudEvent["data"].ShouldBeOfType<JsonObject>();

    [Theory]
    [InlineData("quantity", 2, 24)]
    [InlineData("delta", -3, -36)]
    [InlineData("counted", 5, 60)]
    [InlineData("quantity", 0, 0)]
    public void Apply_MappedSku_RenamesSkuAndMultipliesUnits(string field, int units, int masterUnits)
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["location"] = "S1", [field] = units });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        var data = Data(cloudEvent);
        data["sku"]!.GetValue<string>().ShouldBe(TestData.Sku1.Value);
        data[field]!.GetValue<int>().ShouldBe(masterUnits);
    }

    [Fact]
    public void Apply_MappedSku_MultipliesEveryQuantityFieldPresent()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = 1, ["delta"] = -2, ["counted"] = 3 });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        var data = Data(cloudEvent);
        data["quantity"]!.GetValue<int>().ShouldBe(12);
        data["delta"]!.GetValue<int>().ShouldBe(-24);
        data["counted"]!.GetValue<int>().ShouldBe(36);
    }

    [Fact]
    public void Apply_MappedSkuOfFactorOne_KeepsQuantity()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "EA-2", ["quantity"] = 7 });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["sku"]!.GetValue<string>().ShouldBe(TestData.OtherSku.Value);
        Data(cloudEvent)["quantity"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public void Apply_MappedSku_LeavesOtherDataAndEnvelopeAlone()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = 1, ["orderId"] = "O-9", ["reason"] = "shrink" });
        var before = cloudEvent.DeepClone();

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["orderId"]!.GetValue<string>().ShouldBe("O-9");
        Data(cloudEvent)["reason"]!.GetValue<string>().ShouldBe("shrink");
        foreach (var field in new[] { "id", "type", "source", "time", "specversion" })
        {
            JsonNode.DeepEquals(cloudEvent[field], before[field]).ShouldBeTrue(field);
        }
    }

    [Theory]
    [InlineData("location")]
    [InlineData("fromLocation")]
    [InlineData("toLocation")]
    public void Apply_MappedLocationField_IsMasterLocation(string field)
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "SKU-1", [field] = "W1" });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)[field]!.GetValue<string>().ShouldBe(TestData.Warehouse.Value);
    }

    [Fact]
    public void Apply_TransferLocations_MapsBothEnds()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["fromLocation"] = "W1", ["toLocation"] = "S1", ["quantity"] = 2 });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        var data = Data(cloudEvent);
        data["fromLocation"]!.GetValue<string>().ShouldBe(TestData.Warehouse.Value);
        data["toLocation"]!.GetValue<string>().ShouldBe(TestData.Store.Value);
        data["quantity"]!.GetValue<int>().ShouldBe(24);
    }

    [Fact]
    public void Apply_UnmappedLocation_PassesThrough()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "SKU-1", ["location"] = "outlet-9" });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["location"]!.GetValue<string>().ShouldBe("outlet-9");
    }

    [Fact]
    public void Apply_UnmappedSkuNotRequired_PassesThroughWithUnitsUnchanged()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "SKU-77", ["location"] = "S1", ["quantity"] = 3 });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        var data = Data(cloudEvent);
        data["sku"]!.GetValue<string>().ShouldBe("SKU-77");
        data["quantity"]!.GetValue<int>().ShouldBe(3);
        data["location"]!.GetValue<string>().ShouldBe(TestData.Store.Value);
    }

    [Fact]
    public void Apply_UnmappedSkuRequired_FailsNamingDataSku()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "SKU-77", ["quantity"] = 3 });

        var failure = Mapping(requireSkuMapping: true).Apply(cloudEvent).ShouldNotBeNull();

        failure.Field.ShouldBe("data.sku");
        failure.Reason.ShouldContain("SKU-77");
    }

    [Fact]
    public void Apply_MappedSkuRequired_Maps()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = 1 });

        Mapping(requireSkuMapping: true).Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["quantity"]!.GetValue<int>().ShouldBe(12);
    }

    [Fact]
    public void Apply_SkuLookup_IsCaseSensitive()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "case-12", ["quantity"] = 1 });

        Mapping(requireSkuMapping: true).Apply(cloudEvent).ShouldNotBeNull().Field.ShouldBe("data.sku");
    }

    [Theory]
    [InlineData("quantity", int.MaxValue / 12 + 1)]
    [InlineData("delta", int.MinValue / 12 - 1)]
    [InlineData("counted", int.MaxValue)]
    public void Apply_UnitsTimesFactorOverflows_FailsNamingField(string field, int units)
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", [field] = units });

        var failure = Mapping().Apply(cloudEvent).ShouldNotBeNull();

        failure.Field.ShouldBe($"data.{field}");
        failure.Reason.ShouldContain(units.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Apply_UnitsTimesFactorAtLimit_Maps()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = int.MaxValue / 12 });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["quantity"]!.GetValue<int>().ShouldBe(int.MaxValue / 12 * 12);
    }

    [Fact]
    public void Apply_EventWithoutData_IsNullAndUnchanged()
    {
        var cloudEvent = WebhookData.Event("e-1", "shop", "inventory.sale.recorded", new JsonObject());
        cloudEvent.Remove("data");
        var before = cloudEvent.DeepClone();

        Mapping(requireSkuMapping: true).Apply(cloudEvent).ShouldBeNull();

        JsonNode.DeepEquals(cloudEvent, before).ShouldBeTrue();
    }

    [Fact]
    public void Apply_DataNotAnObject_IsNull()
    {
        var cloudEvent = WebhookData.Event("e-1", "shop", "inventory.sale.recorded", new JsonObject());
        cloudEvent["data"] = "CASE-12";

        Mapping(requireSkuMapping: true).Apply(cloudEvent).ShouldBeNull();
        cloudEvent["data"]!.GetValue<string>().ShouldBe("CASE-12");
    }

    [Fact]
    public void Apply_NonIntegerQuantity_IsLeftForValidation()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = "2" });

        Mapping().Apply(cloudEvent).ShouldBeNull();

        Data(cloudEvent)["quantity"]!.GetValue<string>().ShouldBe("2");
    }

    [Fact]
    public void Identity_AnyEvent_LeavesItUnchanged()
    {
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["location"] = "S1", ["quantity"] = 2 });
        var before = cloudEvent.DeepClone();

        ChannelMapping.Identity.Apply(cloudEvent).ShouldBeNull();

        JsonNode.DeepEquals(cloudEvent, before).ShouldBeTrue();
        ChannelMapping.Identity.RequireSkuMapping.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SkuMapping_NonPositiveUnitFactor_Throws(int factor) =>
        Should.Throw<DomainValidationException>(() => new SkuMapping(TestData.Sku1, factor)).Field.ShouldBe("unitFactor");

    [Theory]
    [InlineData(30, 2)]
    [InlineData(24, 2)]
    [InlineData(11, 0)]
    [InlineData(0, 0)]
    public void ToChannel_MappedSku_ChannelSkuInWholeChannelUnitsFloored(int units, int cases) =>
        Mapping().ToChannel(TestData.Sku1, units).ShouldBe([("CASE-12", cases)]);

    [Fact]
    public void ToChannel_InboundThenOutbound_SameTableBothWays()
    {
        var mapping = Mapping();
        var cloudEvent = EventWith(new JsonObject { ["sku"] = "CASE-12", ["quantity"] = 3 });
        mapping.Apply(cloudEvent).ShouldBeNull();
        var data = Data(cloudEvent);

        mapping.ToChannel(new Sku(data["sku"]!.GetValue<string>()), data["quantity"]!.GetValue<int>()).ShouldBe([("CASE-12", 3)]);
    }

    [Fact]
    public void ToChannel_UnmappedSku_MasterSkuInUnits() =>
        Mapping().ToChannel(new Sku("PLAIN"), 7).ShouldBe([("PLAIN", 7)]);

    [Fact]
    public void ToChannel_UnmappedSkuOfAChannelRequiringMapping_NothingToTell() =>
        Mapping(requireSkuMapping: true).ToChannel(new Sku("PLAIN"), 7).ShouldBeEmpty();

    [Fact]
    public void ToChannel_TwoChannelSkusOfOneMasterSku_EachToldInItsOwnUnitsInOrdinalOrder()
    {
        var mapping = new ChannelMapping(new Dictionary<string, SkuMapping>
        {
            ["TSHIRT-M-EA"] = new(TestData.Sku1, 1),
            ["CASE-TSHIRT-M"] = new(TestData.Sku1, 12),
        });

        mapping.ToChannel(TestData.Sku1, 30).ShouldBe([("CASE-TSHIRT-M", 2), ("TSHIRT-M-EA", 30)]);
    }
}
