using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Tests.Support;

namespace ServerlessInventory.Core.Tests.Channels;

public sealed partial class ChannelEventReaderTests
{
    private static readonly ChannelId _shop = new("shop");

    /// <summary>CASE-12 is a case of twelve SKU-1, S1 is the store; with <paramref name="requireSkuMapping"/> nothing else is a SKU.</summary>
    private static ChannelConnection Connection(bool requireSkuMapping = true) => new(
        _shop,
        WebhookFormat.CloudEvents,
        "secret",
        null,
        new ChannelMapping(
            new Dictionary<string, SkuMapping> { ["CASE-12"] = new(TestData.Sku1, 12) },
            new Dictionary<string, LocationId> { ["S1"] = TestData.Store },
            requireSkuMapping));

    [GeneratedRegex("^shop:sha256-[0-9a-f]{32}$")]
    private static partial Regex HashParkingId();

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"event\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Read_NotAnObject_IsInvalidNamingEvent(string json)
    {
        var read = ChannelEventReader.Read(Connection(), JsonNode.Parse(json));

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("event");
        read.EventId.ShouldBeNull();
        read.Unmappable.ShouldBeFalse();
        read.Payload.ShouldBe(json);
    }

    [Fact]
    public void Read_PayloadWithDuplicateMember_IsInvalidKeepingThePayload()
    {
        const string sent = """{"specversion":"1.0","id":"e-1","type":"inventory.sale.recorded","source":"shop","time":"2025-03-01T09:00:00Z","data":{"sku":"CASE-12","location":"S1","quantity":1,"quantity":2}}""";

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("event");
        read.Reason.ShouldNotBeNull().ShouldContain("quantity");
        read.Payload.ShouldBe(sent);
    }

    [Fact]
    public void Read_MappedEventOfItsOwnChannel_IsMasterEvent()
    {
        var sent = WebhookData.Sale("e-1", "shop", "CASE-12", "S1", 2);

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Field.ShouldBeNull();
        read.Reason.ShouldBeNull();
        read.Unmappable.ShouldBeFalse();
        read.EventId.ShouldBe("e-1");
        read.Event.ShouldBe(new SaleRecorded(new("e-1"), _shop, TestData.Start, TestData.Sku1, TestData.Store, 24));
    }

    [Fact]
    public void Read_MappedEvent_KeepsPayloadAsSentAndLeavesInputUnchanged()
    {
        var sent = WebhookData.Sale("e-1", "shop", "CASE-12", "S1", 2);
        var before = sent.DeepClone();

        var read = ChannelEventReader.Read(Connection(), sent);

        JsonNode.DeepEquals(sent, before).ShouldBeTrue();
        JsonNode.DeepEquals(JsonNode.Parse(read.Payload), before).ShouldBeTrue();
    }

    [Fact]
    public void Read_SourceOfAnotherChannel_IsInvalidNamingSource()
    {
        var read = ChannelEventReader.Read(Connection(), WebhookData.Sale("e-1", "pos", "CASE-12", "S1", 2));

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("source");
        read.Reason.ShouldNotBeNull().ShouldContain("shop");
        read.EventId.ShouldBe("e-1");
        read.Unmappable.ShouldBeFalse();
    }

    [Fact]
    public void Read_InvalidAfterMapping_IsInvalidNamingFieldWithPayloadAsSent()
    {
        var sent = WebhookData.Sale("e-1", "shop", "CASE-12", "S1", 0);

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Event.ShouldBeNull();
        read.Field.ShouldBe("data.quantity");
        read.Unmappable.ShouldBeFalse();
        read.EventId.ShouldBe("e-1");
        JsonNode.DeepEquals(JsonNode.Parse(read.Payload), sent).ShouldBeTrue();
    }

    [Fact]
    public void Read_UnmappableSku_IsMarkedUnmappableWithOriginalPayload()
    {
        var sent = WebhookData.Sale("e-2", "shop", "EXT-9", "S1", 2);

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Event.ShouldBeNull();
        read.Unmappable.ShouldBeTrue();
        read.Field.ShouldBe("data.sku");
        read.Reason.ShouldNotBeNull().ShouldContain("EXT-9");
        read.EventId.ShouldBe("e-2");
        JsonNode.DeepEquals(JsonNode.Parse(read.Payload), sent).ShouldBeTrue();
    }

    [Fact]
    public void Read_OverflowAfterSkuWasMapped_KeepsOriginalNotPartlyMappedPayload()
    {
        // The SKU is rewritten before the quantity overflows: the payload kept must not show that half-done rewrite.
        var sent = WebhookData.Sale("e-3", "shop", "CASE-12", "S1", int.MaxValue);

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Event.ShouldBeNull();
        read.Unmappable.ShouldBeTrue();
        read.Field.ShouldBe("data.quantity");
        var payload = JsonNode.Parse(read.Payload).ShouldBeOfType<JsonObject>();
        payload["data"]!["sku"]!.GetValue<string>().ShouldBe("CASE-12");
        payload["data"]!["location"]!.GetValue<string>().ShouldBe("S1");
        payload["data"]!["quantity"]!.GetValue<int>().ShouldBe(int.MaxValue);
    }

    [Fact]
    public void Read_UnmappedSkuNotRequired_IsEventOfThatSku()
    {
        var read = ChannelEventReader.Read(Connection(requireSkuMapping: false), WebhookData.Sale("e-1", "shop", "SKU-2", "S1", 3));

        read.Event.ShouldBe(new SaleRecorded(new("e-1"), _shop, TestData.Start, TestData.OtherSku, TestData.Store, 3));
    }

    [Fact]
    public void Read_NonStringId_HasNoEventId()
    {
        var sent = WebhookData.Sale(null, "shop", "CASE-12", "S1", 1);
        sent["id"] = 17;

        var read = ChannelEventReader.Read(Connection(), sent);

        read.Event.ShouldBeNull();
        read.EventId.ShouldBeNull();
        read.Field.ShouldBe("id");
    }

    [Fact]
    public void ParkingId_EventWithId_IsChannelAndId()
    {
        var read = ChannelEventReader.Read(Connection(), WebhookData.Sale("e-2", "shop", "EXT-9", "S1", 2));

        ChannelEventReader.ParkingId(Connection(), read).ShouldBe("shop:e-2");
    }

    [Fact]
    public void ParkingId_LongestId_IsTheEventsBoundedKey()
    {
        var id = new string('e', Guard.MaxIdentifierLength);
        var read = ChannelEventReader.Read(Connection(), WebhookData.Sale(id, "shop", "EXT-9", "S1", 2));

        var parkingId = ChannelEventReader.ParkingId(Connection(), read);

        parkingId.ShouldBe(new EventKey(new ChannelId("shop"), new EventId(id)).Value);
        parkingId.Length.ShouldBeLessThanOrEqualTo(EventKey.MaxLength);
    }

    [Fact]
    public void ParkingId_SameIdDifferentPayload_IsSame()
    {
        var first = ChannelEventReader.Read(Connection(), WebhookData.Sale("e-2", "shop", "EXT-9", "S1", 2));
        var second = ChannelEventReader.Read(Connection(), WebhookData.Sale("e-2", "shop", "EXT-8", "S1", 5));

        ChannelEventReader.ParkingId(Connection(), second).ShouldBe(ChannelEventReader.ParkingId(Connection(), first));
    }

    [Fact]
    public void ParkingId_EventWithoutId_IsHashOfPayloadStableForSamePayload()
    {
        var first = ChannelEventReader.Read(Connection(), WebhookData.Sale(null, "shop", "EXT-9", "S1", 2));
        var again = ChannelEventReader.Read(Connection(), WebhookData.Sale(null, "shop", "EXT-9", "S1", 2));

        var id = ChannelEventReader.ParkingId(Connection(), first);

        id.ShouldMatch(HashParkingId().ToString());
        ChannelEventReader.ParkingId(Connection(), again).ShouldBe(id);
    }

    [Fact]
    public void ParkingId_EventsWithoutIdAndDifferentPayloads_Differ()
    {
        var first = ChannelEventReader.Read(Connection(), WebhookData.Sale(null, "shop", "EXT-9", "S1", 2));
        var other = ChannelEventReader.Read(Connection(), WebhookData.Sale(null, "shop", "EXT-9", "S1", 3));

        ChannelEventReader.ParkingId(Connection(), other).ShouldNotBe(ChannelEventReader.ParkingId(Connection(), first));
    }

    [Fact]
    public void ParkingId_EmptyId_IsHashBased()
    {
        var read = ChannelEventReader.Read(Connection(), WebhookData.Sale("", "shop", "EXT-9", "S1", 2));

        ChannelEventReader.ParkingId(Connection(), read).ShouldMatch(HashParkingId().ToString());
    }

    [Fact]
    public void ParkingId_NotAnObject_IsHashBased()
    {
        var read = ChannelEventReader.Read(Connection(), JsonNode.Parse("[1]"));

        ChannelEventReader.ParkingId(Connection(), read).ShouldMatch(HashParkingId().ToString());
    }

    [Fact]
    public void Park_InvalidEvent_KeepsChannelIdFieldReasonPayloadAndTime()
    {
        var sent = WebhookData.Sale("e-2", "shop", "EXT-9", "S1", 2);
        var read = ChannelEventReader.Read(Connection(), sent);
        var now = TestData.Start.AddMinutes(3);

        var parked = ChannelEventReader.Park(Connection(), read, now);

        parked.Id.ShouldBe("shop:e-2");
        parked.Channel.ShouldBe(_shop);
        parked.EventId.ShouldBe("e-2");
        parked.Field.ShouldBe("data.sku");
        parked.Reason.ShouldBe(read.Reason);
        parked.ParkedAt.ShouldBe(now);
        parked.IsReplayed.ShouldBeFalse();
        JsonNode.DeepEquals(JsonNode.Parse(parked.Payload), sent).ShouldBeTrue();
    }
}
