using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Serialization;

public class InventoryEventJsonTests
{
    /// <summary>Off UTC and with sub-millisecond ticks, so that a lossy time format would show.</summary>
    private static readonly DateTimeOffset _time = new DateTimeOffset(2025, 3, 1, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567);

    private static readonly ChannelId _source = new("shopify");

    private static readonly Dictionary<string, Func<InventoryEvent>> _samples = new(StringComparer.Ordinal)
    {
        [SaleRecorded.TypeName] = () => new SaleRecorded(new("e-sale"), _source, _time, Sku1, Store, 2),
        [ReturnRecorded.TypeName] = () => new ReturnRecorded(new("e-return"), _source, _time, Sku1, Store, 1, ReturnCondition.Damaged),
        [StockReceived.TypeName] = () => new StockReceived(new("e-received"), _source, _time, Sku1, Warehouse, 40),
        [StockAdjusted.TypeName] = () => new StockAdjusted(new("e-adjusted"), _source, _time, Sku1, Store, -3, "shrink: broken shelf"),
        [StockCounted.TypeName] = () => new StockCounted(new("e-counted"), _source, _time, Sku1, Store, 17, _time.AddMinutes(-42).AddTicks(9)),
        [StockDamaged.TypeName] = () => new StockDamaged(new("e-damaged"), _source, _time, Sku1, Store, 1),
        [TransferShipped.TypeName] = () => new TransferShipped(new("e-shipped"), _source, _time, "T-77", Sku1, Warehouse, Store, 6),
        [TransferReceived.TypeName] = () => new TransferReceived(new("e-transfer-in"), _source, _time, "T-77", Sku1, Store, 6),
        [OrderPlaced.TypeName] = () => new OrderPlaced(new("e-placed"), _source, _time, "O-1001", Sku1, Store, 2, new ReservationId("r-9")),
        [OrderCancelled.TypeName] = () => new OrderCancelled(new("e-cancelled"), _source, _time, "O-1001", Sku1, Store, 2),
        [OrderFulfilled.TypeName] = () => new OrderFulfilled(new("e-fulfilled"), _source, _time, "O-1001", Sku1, Store, 2),
        [LevelReported.TypeName] = () => new LevelReported(new("e-level"), _source, _time, Sku1, Store, _source, 12),
    };

    public static TheoryData<string> EventTypes() => [.. _samples.Keys];

    [Fact]
    public void Samples_CoverEveryEventType() => _samples.Count.ShouldBe(12);

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void SerializeThenParse_EveryType_GivesEqualEvent(string type)
    {
        var original = _samples[type]();

        var json = InventoryEventJson.Serialize(original);
        var parsed = InventoryEventJson.Parse(json);

        parsed.IsValid.ShouldBeTrue($"{parsed.Field}: {parsed.Reason}");
        parsed.Id.ShouldBe(original.Id.Value);
        var evt = parsed.Event.ShouldNotBeNull();
        evt.ShouldBe(original);
        evt.Type.ShouldBe(type);
        evt.Time.Offset.ShouldBe(original.Time.Offset);
        evt.Changes.ShouldBe(original.Changes);
        InventoryEventJson.Serialize(evt).ShouldBe(json);
    }

    [Fact]
    public void Serialize_Envelope_IsCloudEventsWithCamelCaseData()
    {
        var json = JsonNode.Parse(InventoryEventJson.Serialize(_samples[TransferShipped.TypeName]()))!;

        json["specversion"]!.GetValue<string>().ShouldBe("1.0");
        json["type"]!.GetValue<string>().ShouldBe(TransferShipped.TypeName);
        json["source"]!.GetValue<string>().ShouldBe("shopify");
        json["subject"]!.GetValue<string>().ShouldBe(Sku1.Value);
        json["data"]!["fromLocation"]!.GetValue<string>().ShouldBe(Warehouse.Value);
        json["data"]!["toLocation"]!.GetValue<string>().ShouldBe(Store.Value);
        json["data"]!["transferId"]!.GetValue<string>().ShouldBe("T-77");
        json["data"]!["quantity"]!.GetValue<int>().ShouldBe(6);
    }

    [Fact]
    public void SerializeThenParse_OrderWithoutReservation_KeepsItAbsent()
    {
        var order = new OrderPlaced(new("e-o"), _source, _time, "O-1", Sku1, Store, 1);

        var parsed = InventoryEventJson.Parse(InventoryEventJson.Serialize(order)).Event.ShouldBeOfType<OrderPlaced>();

        parsed.ReservationId.ShouldBeNull();
        parsed.ShouldBe(order);
    }

    [Fact]
    public void SerializeThenParse_SellableReturn_KeepsCondition() =>
        InventoryEventJson.Parse(InventoryEventJson.Serialize(new ReturnRecorded(new("e-r"), _source, _time, Sku1, Store, 1, ReturnCondition.Sellable)))
            .Event.ShouldBeOfType<ReturnRecorded>().Condition.ShouldBe(ReturnCondition.Sellable);

    private static JsonObject Sample(string type) => JsonNode.Parse(InventoryEventJson.Serialize(_samples[type]()))!.AsObject();

    private static EventParseResult ParseMutated(string type, Action<JsonObject> mutate)
    {
        var json = Sample(type);
        mutate(json);
        return InventoryEventJson.Parse(json.ToJsonString());
    }

    private static JsonObject Data(JsonObject envelope) => envelope["data"]!.AsObject();

    public static TheoryData<string, string> BadFields() => new()
    {
        { "quantity zero", "data.quantity" },
        { "quantity missing", "data.quantity" },
        { "quantity null", "data.quantity" },
        { "quantity as string", "data.quantity" },
        { "quantity fractional", "data.quantity" },
        { "quantity beyond int", "data.quantity" },
        { "sku missing", "data.sku" },
        { "sku blank", "data.sku" },
        { "sku illegal", "data.sku" },
        { "location missing", "data.location" },
        { "time missing", "time" },
        { "time not a timestamp", "time" },
        { "time a number", "time" },
        { "type unknown", "type" },
        { "type missing", "type" },
        { "source blank", "source" },
        { "specversion wrong", "specversion" },
        { "specversion missing", "specversion" },
        { "data missing", "data" },
        { "data not an object", "data" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Parse_BadSale_NamesFieldAndKeepsId(string change, string field)
    {
        var result = ParseMutated(SaleRecorded.TypeName, json =>
        {
            switch (change)
            {
                case "quantity zero": Data(json)["quantity"] = 0; break;
                case "quantity missing": Data(json).Remove("quantity"); break;
                case "quantity null": Data(json)["quantity"] = null; break;
                case "quantity as string": Data(json)["quantity"] = "3"; break;
                case "quantity fractional": Data(json)["quantity"] = 1.5; break;
                case "quantity beyond int": Data(json)["quantity"] = 10_000_000_000L; break;
                case "sku missing": Data(json).Remove("sku"); break;
                case "sku blank": Data(json)["sku"] = "  "; break;
                case "sku illegal": Data(json)["sku"] = "a/b"; break;
                case "location missing": Data(json).Remove("location"); break;
                case "time missing": json.Remove("time"); break;
                case "time not a timestamp": json["time"] = "yesterday"; break;
                case "time a number": json["time"] = 1_740_000_000; break;
                case "type unknown": json["type"] = "inventory.stock.teleported"; break;
                case "type missing": json.Remove("type"); break;
                case "source blank": json["source"] = ""; break;
                case "specversion wrong": json["specversion"] = "0.3"; break;
                case "specversion missing": json.Remove("specversion"); break;
                case "data missing": json.Remove("data"); break;
                case "data not an object": json["data"] = "x"; break;
                default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
            }
        });

        result.IsValid.ShouldBeFalse();
        result.Event.ShouldBeNull();
        result.Field.ShouldBe(field);
        result.Reason.ShouldNotBeNullOrWhiteSpace();
        result.Id.ShouldBe("e-sale");
    }

    [Fact]
    public void Parse_TextThatIsNotJson_IsInvalidWithoutThrowing()
    {
        var result = InventoryEventJson.Parse("{\"id\": ");

        result.IsValid.ShouldBeFalse();
        result.Field.ShouldBe("event");
        result.Reason.ShouldNotBeNull().ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"pos","time":"2025-03-01T09:00:00Z","data":{"sku":"SKU-1","location":"store-1","quantity":1,"quantity":9}}""")]
    [InlineData("""{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"pos","time":"2025-03-01T09:00:00Z","data":{"sku":"SKU-1","location":"store-1","quantity":1},}""")]
    public void Parse_TextBreakingTheJsonPolicy_IsInvalidWithoutThrowing(string json)
    {
        var result = InventoryEventJson.Parse(json);

        result.IsValid.ShouldBeFalse();
        result.Field.ShouldBe("event");
        result.Reason.ShouldNotBeNull().ShouldContain("not valid JSON");
    }

    [Fact]
    public void Parse_MissingId_NamesIdWithoutId()
    {
        var result = ParseMutated(SaleRecorded.TypeName, json => json.Remove("id"));

        result.Field.ShouldBe("id");
        result.Id.ShouldBeNull();
    }

    [Fact]
    public void Parse_IllegalId_NamesIdAndKeepsRawId()
    {
        var result = ParseMutated(SaleRecorded.TypeName, json => json["id"] = "a/b");

        result.Field.ShouldBe("id");
        result.Id.ShouldBe("a/b");
    }

    [Fact]
    public void Parse_UnknownCondition_NamesDataCondition()
    {
        var result = ParseMutated(ReturnRecorded.TypeName, json => Data(json)["condition"] = "broken");

        result.Field.ShouldBe("data.condition");
        result.Id.ShouldBe("e-return");
    }

    [Theory]
    [InlineData(StockAdjusted.TypeName, "delta", 0, "data.delta")]
    [InlineData(StockCounted.TypeName, "counted", -1, "data.counted")]
    [InlineData(LevelReported.TypeName, "quantity", -1, "data.quantity")]
    [InlineData(TransferReceived.TypeName, "quantity", 0, "data.quantity")]
    public void Parse_BadNumberOfType_NamesDataField(string type, string name, int value, string field) =>
        ParseMutated(type, json => Data(json)[name] = value).Field.ShouldBe(field);

    [Theory]
    [InlineData(StockAdjusted.TypeName, "reason", "data.reason")]
    [InlineData(StockCounted.TypeName, "countedAt", "data.countedAt")]
    [InlineData(TransferShipped.TypeName, "fromLocation", "data.fromLocation")]
    [InlineData(TransferShipped.TypeName, "transferId", "data.transferId")]
    [InlineData(OrderPlaced.TypeName, "orderId", "data.orderId")]
    [InlineData(LevelReported.TypeName, "channel", "data.channel")]
    public void Parse_MissingDataFieldOfType_NamesIt(string type, string name, string field) =>
        ParseMutated(type, json => Data(json).Remove(name)).Field.ShouldBe(field);

    [Fact]
    public void Parse_TransferToSameLocation_NamesDataToLocation() =>
        ParseMutated(TransferShipped.TypeName, json => Data(json)["toLocation"] = Warehouse.Value).Field.ShouldBe("data.toLocation");

    [Fact]
    public void Parse_IllegalReservationId_NamesDataReservationId() =>
        ParseMutated(OrderPlaced.TypeName, json => Data(json)["reservationId"] = "r/1").Field.ShouldBe("data.reservationId");

    [Fact]
    public void Parse_WithExtraFields_IsValid()
    {
        var result = ParseMutated(SaleRecorded.TypeName, json =>
        {
            json["traceparent"] = "00-abc";
            Data(json)["note"] = "ignored";
        });

        result.IsValid.ShouldBeTrue();
        result.Event.ShouldBe(_samples[SaleRecorded.TypeName]());
    }

    [Fact]
    public void Parse_NotAnObject_NamesEvent()
    {
        using var document = JsonDocument.Parse("[1]");

        var result = InventoryEventJson.Parse(document.RootElement[0]);

        result.Field.ShouldBe("event");
        result.Id.ShouldBeNull();
    }

    [Fact]
    public void ParseBatch_ArrayWithOneBadElement_ParsesTheOthers()
    {
        var bad = Sample(SaleRecorded.TypeName);
        bad["id"] = "e-bad";
        Data(bad)["quantity"] = -1;
        var array = new JsonArray(Sample(StockReceived.TypeName), bad, Sample(OrderPlaced.TypeName));
        using var document = JsonDocument.Parse(array.ToJsonString());

        var results = InventoryEventJson.ParseBatch(document.RootElement);

        results.Count.ShouldBe(3);
        results[0].IsValid.ShouldBeTrue();
        results[0].Event.ShouldBe(_samples[StockReceived.TypeName]());
        results[1].IsValid.ShouldBeFalse();
        results[1].Id.ShouldBe("e-bad");
        results[1].Field.ShouldBe("data.quantity");
        results[2].IsValid.ShouldBeTrue();
        results[2].Event.ShouldBe(_samples[OrderPlaced.TypeName]());
    }

    [Fact]
    public void ParseBatch_SingleObject_GivesOneResult()
    {
        using var document = JsonDocument.Parse(InventoryEventJson.Serialize(_samples[StockDamaged.TypeName]()));

        var result = InventoryEventJson.ParseBatch(document.RootElement).ShouldHaveSingleItem();

        result.Event.ShouldBe(_samples[StockDamaged.TypeName]());
    }

    [Fact]
    public void ParseBatch_EmptyArray_GivesNoResults()
    {
        using var document = JsonDocument.Parse("[]");

        InventoryEventJson.ParseBatch(document.RootElement).ShouldBeEmpty();
    }
}
