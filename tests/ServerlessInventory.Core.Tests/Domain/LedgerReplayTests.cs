using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

public class LedgerReplayTests
{
    /// <summary>Starts empty and applies one of everything, including rules that make effects differ from the events' own changes.</summary>
    private static SkuInventory Busy()
    {
        var inventory = Inventory();
        inventory.ApplyAt(Received(20, Store), Start);
        inventory.ApplyAt(Received(8, Warehouse), Start);
        inventory.ApplyAt(Sale(3, time: Start.AddMinutes(10)), Start.AddMinutes(10));
        inventory.ApplyAt(Counted(18, Start.AddMinutes(5)), Start.AddMinutes(11));
        inventory.ApplyAt(Sale(1, time: Start.AddMinutes(4)), Start.AddMinutes(12));
        inventory.ApplyAt(Counted(99, Start.AddMinutes(1)), Start.AddMinutes(12));
        inventory.ApplyAt(Return(2, ReturnCondition.Damaged), Start.AddMinutes(13));
        inventory.ApplyAt(Damaged(1, Warehouse), Start.AddMinutes(13));
        inventory.ApplyAt(Adjusted(-2, Warehouse), Start.AddMinutes(13));
        inventory.ApplyAt(Shipped(4, from: Warehouse, to: Store), Start.AddMinutes(14));
        inventory.ApplyAt(TransferIn(4, Store), Start.AddMinutes(15));
        var reservation = inventory.Reserve(Request(2, Store), Start.AddMinutes(15)).Reservation.ShouldNotBeNull();
        inventory.Confirm(reservation.Id, "O-api", Start.AddMinutes(16));
        inventory.ApplyAt(Placed(2, "O-api", reservation: reservation.Id), Start.AddMinutes(17));
        inventory.ApplyAt(Placed(30, "O-big"), Start.AddMinutes(17));
        inventory.ApplyAt(Cancelled(10, "O-big"), Start.AddMinutes(18));
        inventory.ApplyAt(Fulfilled(2, "O-api"), Start.AddMinutes(19));
        inventory.ApplyAt(Level(7), Start.AddMinutes(20));
        inventory.ApplyAt(Sale(40, Warehouse), Start.AddMinutes(21));
        return inventory;
    }

    [Fact]
    public void Rebuild_AggregateNewEntries_EqualsItsPositions()
    {
        var inventory = Busy();

        var rebuilt = LedgerReplay.Rebuild(inventory.NewEntries);

        rebuilt.Keys.ShouldBe([Store, Warehouse], ignoreOrder: true);
        rebuilt[Store].ShouldBe(inventory.Position(Store));
        rebuilt[Warehouse].ShouldBe(inventory.Position(Warehouse));
        rebuilt[Store].LastCountedAt.ShouldBe(Start.AddMinutes(5));
    }

    [Fact]
    public void Rebuild_EntriesReadBackFromJson_EqualsPositions()
    {
        var inventory = Busy();
        var stored = inventory.NewEntries.Select(e => LedgerEntryJson.Deserialize(LedgerEntryJson.Serialize(e)));

        var rebuilt = LedgerReplay.Rebuild(stored);

        rebuilt[Store].ShouldBe(inventory.Position(Store));
        rebuilt[Warehouse].ShouldBe(inventory.Position(Warehouse));
    }

    [Fact]
    public void Rebuild_UsesEffectsNotEventChanges()
    {
        var sale = Sale(3);
        var absorbed = new LedgerEntry(sale, 1, Start, [new PositionChange(Store, OnHand: 0)], 0, [LedgerFlags.AbsorbedByCount]);

        LedgerReplay.Rebuild([absorbed])[Store].OnHand.ShouldBe(0);
    }

    [Fact]
    public void Rebuild_StaleCount_DoesNotMoveLastCountedAt()
    {
        var count = Counted(5, Start);
        var stale = Counted(9, Start.AddHours(-1));
        LedgerEntry[] entries =
        [
            new(count, 1, Start, [new PositionChange(Store, OnHand: 5)], 0, []),
            new(stale, 2, Start, [], 0, [LedgerFlags.StaleCount]),
        ];

        var rebuilt = LedgerReplay.Rebuild(entries)[Store];

        rebuilt.OnHand.ShouldBe(5);
        rebuilt.LastCountedAt.ShouldBe(Start);
    }

    [Fact]
    public void Rebuild_CountDatedAhead_LastCountedAtIsWhenItWasApplied()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(4, Start.AddDays(1)), Start);

        LedgerReplay.Rebuild(inventory.NewEntries)[Store].LastCountedAt.ShouldBe(Start);
    }

    [Fact]
    public void Rebuild_NoEntries_IsEmpty() => LedgerReplay.Rebuild([]).ShouldBeEmpty();
}
