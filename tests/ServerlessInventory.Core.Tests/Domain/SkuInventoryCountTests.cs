using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>Cycle counts set onHand as of countedAt: what happened after stays on top, what happened before is in the count.</summary>
public class SkuInventoryCountTests
{
    private static readonly DateTimeOffset _countedAt = Start;
    private static readonly DateTimeOffset _now = Start.AddMinutes(30);

    private static LedgerEntry Stored(InventoryEvent evt, long version = 1) => new(evt, version, evt.Time, evt.Changes, 0, []);

    [Fact]
    public void Apply_CountWithLaterSaleInHistory_KeepsSaleOnTop()
    {
        // The sale at +10 min is already in onHand (10 -> 7); the count of 9 was taken before it.
        var laterSale = Sale(3, time: _countedAt.AddMinutes(10));
        var inventory = Inventory(Position(Store, onHand: 7));

        var outcome = inventory.ApplyAt(Counted(9, _countedAt), _now, [Stored(laterSale)]);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).OnHand.ShouldBe(9 - 3);
        inventory.NewEntries.ShouldHaveSingleItem().Effects.ShouldBe([new PositionChange(Store, OnHand: -1)]);
    }

    [Fact]
    public void Apply_CountAfterLaterEventsInSameAggregate_KeepsThemOnTop()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Sale(3, time: _countedAt.AddMinutes(10)), _now);
        inventory.ApplyAt(Received(5, time: _countedAt.AddMinutes(12)), _now);

        inventory.ApplyAt(Counted(9, _countedAt), _now);

        inventory.Position(Store).OnHand.ShouldBe(9 - 3 + 5);
    }

    [Fact]
    public void Apply_CountAfterEarlierEventInSameAggregate_TakesCountAsIs()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Sale(3, time: _countedAt.AddMinutes(-10)), _now);

        inventory.ApplyAt(Counted(9, _countedAt), _now);

        inventory.Position(Store).OnHand.ShouldBe(9);
    }

    [Fact]
    public void Apply_CountWithLaterEventsElsewhere_IgnoresOtherLocations()
    {
        var laterTransfer = Shipped(2, from: Warehouse, to: Store, time: _countedAt.AddMinutes(5));
        var laterSaleElsewhere = Sale(4, Warehouse, time: _countedAt.AddMinutes(6));
        var inventory = Inventory(Position(Store, onHand: 10), Position(Warehouse, onHand: 20));

        inventory.ApplyAt(Counted(8, _countedAt), _now, [Stored(laterTransfer), Stored(laterSaleElsewhere, 2)]);

        inventory.Position(Store).OnHand.ShouldBe(8);
        inventory.Position(Warehouse).OnHand.ShouldBe(20);
    }

    [Fact]
    public void Apply_CountAtNewLocation_CreatesPosition()
    {
        var inventory = Inventory();

        inventory.ApplyAt(Counted(4, _countedAt, Outlet), _now);

        inventory.Position(Outlet).OnHand.ShouldBe(4);
        inventory.Position(Outlet).LastCountedAt.ShouldBe(_countedAt);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Apply_SaleAtOrBeforeLastCount_IsAbsorbedByCount(int minutesAfterCount)
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(6, _countedAt), _now);

        var outcome = inventory.ApplyAt(Sale(2, time: _countedAt.AddMinutes(minutesAfterCount)), _now);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.AbsorbedByCount);
        inventory.Position(Store).OnHand.ShouldBe(6);
        inventory.NewEntries[^1].Effects.ShouldBe([new PositionChange(Store, OnHand: 0)]);
    }

    [Fact]
    public void Apply_SaleAfterLastCount_AppliesOnTop()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(6, _countedAt), _now);

        var outcome = inventory.ApplyAt(Sale(2, time: _countedAt.AddSeconds(1)), _now);

        outcome.Flags.ShouldNotBeNull().ShouldNotContain(LedgerFlags.AbsorbedByCount);
        inventory.Position(Store).OnHand.ShouldBe(4);
    }

    [Fact]
    public void Apply_FulfilmentBeforeLastCount_KeepsOnHandButReleasesCommitted()
    {
        var inventory = Inventory(Position(Store, onHand: 10, committed: 2, lastCountedAt: _countedAt));

        var outcome = inventory.ApplyAt(Fulfilled(2, time: _countedAt.AddMinutes(-5)), _now);

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.AbsorbedByCount);
        inventory.Position(Store).OnHand.ShouldBe(10);
        inventory.Position(Store).Committed.ShouldBe(0);
    }

    [Fact]
    public void Apply_TransferShippedBeforeSenderCount_StillRaisesReceiverIncoming()
    {
        var inventory = Inventory(Position(Store, onHand: 10, lastCountedAt: _countedAt), Position(Warehouse, onHand: 0));

        var outcome = inventory.ApplyAt(Shipped(3, from: Store, to: Warehouse, time: _countedAt.AddMinutes(-1)), _now);

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.AbsorbedByCount);
        inventory.Position(Store).OnHand.ShouldBe(10);
        inventory.Position(Warehouse).Incoming.ShouldBe(3);
    }

    [Fact]
    public void Apply_DamagedBeforeLastCount_IsNotAbsorbed()
    {
        var inventory = Inventory(Position(Store, onHand: 10, lastCountedAt: _countedAt));

        var outcome = inventory.ApplyAt(Damaged(2, time: _countedAt.AddMinutes(-1)), _now);

        outcome.Flags.ShouldNotBeNull().ShouldBeEmpty();
        inventory.Position(Store).Unsellable.ShouldBe(2);
    }

    [Fact]
    public void Apply_StaleCount_ChangesNothingAndFlagsStale()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(6, _countedAt), _now);

        var outcome = inventory.ApplyAt(Counted(50, _countedAt.AddHours(-1)), _now);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.StaleCount);
        inventory.Position(Store).OnHand.ShouldBe(6);
        inventory.Position(Store).LastCountedAt.ShouldBe(_countedAt);
        inventory.NewEntries[^1].Effects.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_NewerCount_ReplacesEarlierCount()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(6, _countedAt), _now);

        var outcome = inventory.ApplyAt(Counted(4, _countedAt.AddMinutes(10)), _now);

        outcome.Flags.ShouldNotBeNull().ShouldNotContain(LedgerFlags.StaleCount);
        inventory.Position(Store).OnHand.ShouldBe(4);
        inventory.Position(Store).LastCountedAt.ShouldBe(_countedAt.AddMinutes(10));
    }

    [Fact]
    public void Apply_CountDatedAhead_IsTakenAsOfWhenItWasApplied()
    {
        var inventory = Inventory(Position(Store, onHand: 10));

        var outcome = inventory.ApplyAt(Counted(4, _now.AddDays(1)), _now);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).OnHand.ShouldBe(4);
        inventory.Position(Store).LastCountedAt.ShouldBe(_now);
    }

    [Fact]
    public void Apply_SaleDatedYearsAhead_DoesNotStayOnTopOfLaterCounts()
    {
        // The walk-through: receive 12; a sale of 2 dated 2030; counts of 10 now and five seconds later.
        var inventory = Inventory();
        inventory.ApplyAt(Received(12, time: _now), _now);
        inventory.ApplyAt(Sale(2, time: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), _now.AddSeconds(1));

        inventory.ApplyAt(Counted(10, _now.AddSeconds(2)), _now.AddSeconds(3));
        var afterFirstCount = inventory.Position(Store).OnHand;
        inventory.ApplyAt(Counted(10, _now.AddSeconds(7)), _now.AddSeconds(8));

        afterFirstCount.ShouldBe(10);
        inventory.Position(Store).OnHand.ShouldBe(10);
    }

    [Fact]
    public void Apply_SaleAfterCountDatedAheadWithinSkew_StaysOnTop()
    {
        // The counting device runs two minutes fast; a sale one minute later really happened after the count.
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.ApplyAt(Counted(8, _now.AddMinutes(2)), _now);

        var outcome = inventory.ApplyAt(Sale(1, time: _now.AddMinutes(1)), _now.AddMinutes(1));

        outcome.Flags.ShouldNotBeNull().ShouldNotContain(LedgerFlags.AbsorbedByCount);
        inventory.Position(Store).OnHand.ShouldBe(7);
    }

    [Fact]
    public void Apply_StoredSaleDatedAhead_CountsFromWhenItWasApplied()
    {
        // Stored with an event time a day after the count but applied before it: it is already in the count.
        var sale = Sale(3, time: _now.AddDays(1));
        var stored = new LedgerEntry(sale, 1, _countedAt.AddMinutes(-1), sale.Changes, 0, []);
        var inventory = Inventory(Position(Store, onHand: 7));

        inventory.ApplyAt(Counted(9, _countedAt), _now, [stored]);

        inventory.Position(Store).OnHand.ShouldBe(9);
    }
}
