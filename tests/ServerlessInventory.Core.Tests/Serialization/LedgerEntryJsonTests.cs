using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Serialization;

public class LedgerEntryJsonTests
{
    private static void ShouldMatch(LedgerEntry actual, LedgerEntry expected)
    {
        actual.Event.ShouldBe(expected.Event);
        actual.Version.ShouldBe(expected.Version);
        actual.AppliedAt.ShouldBe(expected.AppliedAt);
        actual.Effects.ShouldBe(expected.Effects);
        actual.Oversold.ShouldBe(expected.Oversold);
        actual.Flags.ShouldBe(expected.Flags);
        actual.HeldFor.ShouldBe(expected.HeldFor);
    }

    [Fact]
    public void SerializeThenDeserialize_EntryWithEffectsAndFlags_IsEqual()
    {
        var shipped = Shipped(5, from: Store, to: Warehouse, time: Start.AddTicks(123));
        var entry = new LedgerEntry(
            shipped,
            42,
            Start.AddMinutes(3).AddTicks(7),
            [new PositionChange(Store, OnHand: 0), new PositionChange(Warehouse, Incoming: 5)],
            0,
            [LedgerFlags.AbsorbedByCount, LedgerFlags.NegativeIncoming]);

        var roundTripped = LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(entry));

        ShouldMatch(roundTripped, entry);
    }

    [Fact]
    public void SerializeThenDeserialize_OversoldOrder_KeepsOversoldAndAllQuantities()
    {
        var order = Placed(7, "O-5", reservation: new ReservationId("r-5"));
        var entry = new LedgerEntry(order, 3, Start, [new PositionChange(Store, OnHand: -1, Unsellable: 2, Committed: 7, Incoming: -4)], 3, [LedgerFlags.ReservationNotHeld, LedgerFlags.Oversold]);

        ShouldMatch(LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(entry)), entry);
    }

    [Fact]
    public void SerializeThenDeserialize_ConfirmationHeldForTheReservationsChannel_KeepsTheChannel()
    {
        var order = Placed(2, "O-9", reservation: new ReservationId("r-9"));
        var entry = new LedgerEntry(order, 4, Start, [new PositionChange(Store, Committed: 2)], 0, [LedgerFlags.ReservationConverted], new ChannelId("wholesale"));

        ShouldMatch(LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(entry)), entry);
    }

    [Fact]
    public void SerializeThenDeserialize_EntryWithoutEffectsOrFlags_IsEqual()
    {
        var entry = new LedgerEntry(Level(4), 1, Start, [], 0, []);

        var roundTripped = LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(entry));

        ShouldMatch(roundTripped, entry);
        roundTripped.Effects.ShouldBeEmpty();
        roundTripped.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void SerializeThenDeserialize_EveryEntryOfAnAggregate_IsEqual()
    {
        var inventory = Inventory(Position(Store, onHand: 2));
        inventory.Apply(Sale(5));
        inventory.Apply(Placed(3));
        inventory.ApplyAt(Counted(1, Start.AddMinutes(-1)), Start);

        foreach (var entry in inventory.NewEntries)
        {
            ShouldMatch(LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(entry)), entry);
        }
    }

    [Fact]
    public void Serialize_Entry_EmbedsCanonicalEvent()
    {
        var sale = Sale(2);
        var entry = new LedgerEntry(sale, 9, Start, sale.Changes, 0, []);

        var json = JsonNode.Parse(LedgerEntryJson.Serialize(entry))!;

        json["version"]!.GetValue<long>().ShouldBe(9);
        JsonNode.DeepEquals(json["event"], JsonNode.Parse(InventoryEventJson.Serialize(sale))).ShouldBeTrue();
    }

    [Fact]
    public void Deserialize_StoredEventInvalid_ThrowsAsCorruption()
    {
        var sale = Sale(2);
        var json = JsonNode.Parse(LedgerEntryJson.Serialize(new LedgerEntry(sale, 1, Start, sale.Changes, 0, [])))!;
        json["event"]!["data"]!["quantity"] = 0;

        var error = Should.Throw<InvalidDataException>(() => LedgerEntryJson.Deserialize(json.ToJsonString()));

        error.Message.ShouldContain("data.quantity");
    }
}
