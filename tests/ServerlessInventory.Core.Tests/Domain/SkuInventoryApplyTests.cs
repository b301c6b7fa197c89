using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>Each event type's effect on positions, and the rules every event follows (facts, dedupe, SKU).</summary>
public class SkuInventoryApplyTests
{
    private static SkuInventory Stocked() => Inventory(Position(Store, onHand: 10, unsellable: 1, committed: 2, incoming: 3));

    private static void ShouldBeAt(PositionState position, int onHand, int unsellable, int committed, int incoming)
    {
        position.OnHand.ShouldBe(onHand);
        position.Unsellable.ShouldBe(unsellable);
        position.Committed.ShouldBe(committed);
        position.Incoming.ShouldBe(incoming);
    }

    [Fact]
    public void Apply_SaleRecorded_LowersOnHandOnly()
    {
        var inventory = Stocked();

        var outcome = inventory.Apply(Sale(4));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        ShouldBeAt(inventory.Position(Store), onHand: 6, unsellable: 1, committed: 2, incoming: 3);
    }

    [Fact]
    public void Apply_SellableReturn_RaisesOnHandOnly()
    {
        var inventory = Stocked();

        inventory.Apply(Return(2, ReturnCondition.Sellable));

        ShouldBeAt(inventory.Position(Store), onHand: 12, unsellable: 1, committed: 2, incoming: 3);
    }

    [Fact]
    public void Apply_DamagedReturn_RaisesOnHandAndUnsellable()
    {
        var inventory = Stocked();

        inventory.Apply(Return(2, ReturnCondition.Damaged));

        ShouldBeAt(inventory.Position(Store), onHand: 12, unsellable: 3, committed: 2, incoming: 3);
        inventory.ViewAt(Store, Start).AvailableToSell.ShouldBe(12 - 3 - 2);
    }

    [Fact]
    public void Apply_StockReceived_RaisesOnHand()
    {
        var inventory = Stocked();

        inventory.Apply(Received(5));

        ShouldBeAt(inventory.Position(Store), onHand: 15, unsellable: 1, committed: 2, incoming: 3);
    }

    [Theory]
    [InlineData(-3, 7)]
    [InlineData(4, 14)]
    public void Apply_StockAdjusted_AddsSignedDeltaToOnHand(int delta, int expectedOnHand)
    {
        var inventory = Stocked();

        inventory.Apply(Adjusted(delta));

        ShouldBeAt(inventory.Position(Store), onHand: expectedOnHand, unsellable: 1, committed: 2, incoming: 3);
    }

    [Fact]
    public void Apply_StockCountedWithoutLaterEvents_SetsOnHandToCount()
    {
        var inventory = Stocked();

        inventory.ApplyAt(Counted(7, Start), Start.AddMinutes(1));

        ShouldBeAt(inventory.Position(Store), onHand: 7, unsellable: 1, committed: 2, incoming: 3);
        inventory.Position(Store).LastCountedAt.ShouldBe(Start);
    }

    [Fact]
    public void Apply_StockDamaged_RaisesUnsellableOnly()
    {
        var inventory = Stocked();

        inventory.Apply(Damaged(2));

        ShouldBeAt(inventory.Position(Store), onHand: 10, unsellable: 3, committed: 2, incoming: 3);
    }

    [Fact]
    public void Apply_TransferShipped_LowersSenderOnHandAndRaisesReceiverIncoming()
    {
        var inventory = Inventory(Position(Store, onHand: 10), Position(Warehouse, onHand: 1));

        inventory.Apply(Shipped(4, from: Store, to: Warehouse));

        ShouldBeAt(inventory.Position(Store), onHand: 6, unsellable: 0, committed: 0, incoming: 0);
        ShouldBeAt(inventory.Position(Warehouse), onHand: 1, unsellable: 0, committed: 0, incoming: 4);
    }

    [Fact]
    public void Apply_TransferReceived_MovesIncomingIntoOnHand()
    {
        var inventory = Inventory(Position(Store, onHand: 10), Position(Warehouse, onHand: 1));
        inventory.Apply(Shipped(4, from: Store, to: Warehouse));

        inventory.Apply(TransferIn(4, Warehouse));

        ShouldBeAt(inventory.Position(Store), onHand: 6, unsellable: 0, committed: 0, incoming: 0);
        ShouldBeAt(inventory.Position(Warehouse), onHand: 5, unsellable: 0, committed: 0, incoming: 0);
    }

    [Fact]
    public void Apply_TransferReceivedBeyondIncoming_AppliesAndFlagsNegativeIncoming()
    {
        var inventory = Stocked();

        var outcome = inventory.Apply(TransferIn(5, Store));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).Incoming.ShouldBe(-2);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.NegativeIncoming);
    }

    [Fact]
    public void Apply_OrderPlaced_RaisesCommitted()
    {
        var inventory = Stocked();

        inventory.Apply(Placed(3));

        ShouldBeAt(inventory.Position(Store), onHand: 10, unsellable: 1, committed: 5, incoming: 3);
    }

    [Fact]
    public void Apply_OrderCancelled_LowersCommitted()
    {
        var inventory = Stocked();

        inventory.Apply(Cancelled(2));

        ShouldBeAt(inventory.Position(Store), onHand: 10, unsellable: 1, committed: 0, incoming: 3);
    }

    [Fact]
    public void Apply_OrderCancelledBeyondCommitted_AppliesAndFlagsNegativeCommitted()
    {
        var inventory = Stocked();

        var outcome = inventory.Apply(Cancelled(5));

        inventory.Position(Store).Committed.ShouldBe(-3);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.NegativeCommitted);
    }

    [Fact]
    public void Apply_OrderFulfilled_LowersOnHandAndCommitted()
    {
        var inventory = Stocked();

        inventory.Apply(Fulfilled(2));

        ShouldBeAt(inventory.Position(Store), onHand: 8, unsellable: 1, committed: 0, incoming: 3);
    }

    [Fact]
    public void Apply_LevelReported_ChangesNoPositionButIsLedgered()
    {
        var inventory = Stocked();
        var before = inventory.Position(Store);
        var level = Level(99);

        var outcome = inventory.Apply(level);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).ShouldBe(before);
        var entry = inventory.NewEntries.ShouldHaveSingleItem();
        entry.Event.ShouldBe(level);
        entry.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_LevelReportedNewerThanTheKeptLevel_CommitsTheNewLevel()
    {
        var kept = new ReportedLevel(new ChannelId("shopify"), Sku1, Store, 4, Start);
        var inventory = new SkuInventory(new SkuSnapshot(Sku1, 3, "etag", [], [], new HashSet<EventKey>(), ReportedLevels: [kept]), Catalog());

        inventory.Apply(Level(7, time: Start.AddMinutes(5)));

        var commit = inventory.ToCommit().ShouldNotBeNull();
        commit.Levels.ShouldBe([new ReportedLevel(kept.Channel, Sku1, Store, 7, Start.AddMinutes(5))]);
        commit.ItemCount.ShouldBe(2);
    }

    [Fact]
    public void Apply_LevelReportedOlderThanTheKeptLevel_IsLedgeredButKeepsTheNewer()
    {
        var kept = new ReportedLevel(new ChannelId("shopify"), Sku1, Store, 4, Start.AddMinutes(10));
        var inventory = new SkuInventory(new SkuSnapshot(Sku1, 3, "etag", [], [], new HashSet<EventKey>(), ReportedLevels: [kept]), Catalog());

        inventory.Apply(Level(7, time: Start.AddMinutes(5)));

        var commit = inventory.ToCommit().ShouldNotBeNull();
        commit.Ledger.ShouldHaveSingleItem();
        commit.Levels.ShouldBeEmpty();
        inventory.ReportedLevels.ShouldBe([kept]);
    }

    [Fact]
    public void Apply_TwoReportsOfOnePlaceInOneDecision_CommitsTheLatestOnce()
    {
        var inventory = Stocked();

        inventory.Apply(Level(9, time: Start.AddMinutes(2)));
        inventory.Apply(Level(5, time: Start.AddMinutes(1)));
        inventory.Apply(Level(3, Warehouse, Start));

        inventory.ToCommit()!.Levels.Select(l => (l.Location, l.Level)).ShouldBe([(Store, 9), (Warehouse, 3)], ignoreOrder: true);
    }

    [Fact]
    public void Apply_SaleDrivesOnHandNegative_RecordsAndFlagsDrift()
    {
        var inventory = Inventory(Position(Store, onHand: 3));

        var outcome = inventory.Apply(Sale(5));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.NegativeOnHand);
        inventory.Position(Store).OnHand.ShouldBe(-2);
        inventory.ViewAt(Store, Start).AvailableToSell.ShouldBe(0);
        inventory.NewEntries.ShouldHaveSingleItem().HasFlag(LedgerFlags.NegativeOnHand).ShouldBeTrue();
    }

    [Fact]
    public void Apply_SaleWithinOnHand_DoesNotFlag()
    {
        var inventory = Inventory(Position(Store, onHand: 3));

        var outcome = inventory.Apply(Sale(3));

        outcome.Flags.ShouldNotBeNull().ShouldBeEmpty();
        inventory.Position(Store).OnHand.ShouldBe(0);
    }

    [Fact]
    public void Apply_SaleAtUnknownLocation_CreatesPositionBelowZero()
    {
        var inventory = Inventory();

        inventory.Apply(Sale(1, Outlet));

        inventory.Position(Outlet).OnHand.ShouldBe(-1);
        inventory.ViewAt(Start).Keys.ShouldContain(Outlet);
    }

    [Fact]
    public void Apply_SameEventTwiceInOneAggregate_SecondIsDuplicateAndAppliedOnce()
    {
        var inventory = Stocked();
        var sale = Sale(2);

        inventory.Apply(sale);
        var second = inventory.Apply(sale);

        second.Disposition.ShouldBe(EventDisposition.Duplicate);
        second.EventId.ShouldBe(sale.Id);
        inventory.Position(Store).OnHand.ShouldBe(8);
        inventory.NewEntries.Count.ShouldBe(1);
    }

    [Fact]
    public void Apply_SameIdFromAnotherSource_IsAppliedToo()
    {
        var inventory = Stocked();
        var fromPos = Sale(2);
        var fromWeb = new SaleRecorded(fromPos.Id, Web, Start, Sku1, Store, 3);

        inventory.Apply(fromPos);
        var outcome = inventory.Apply(fromWeb);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).OnHand.ShouldBe(5);
        inventory.NewEntries.Select(e => e.EventKey).ShouldBe([fromPos.Key, fromWeb.Key]);
    }

    [Fact]
    public void Apply_IdInLoadedLedgerFromAnotherSource_IsApplied()
    {
        var sale = Sale(2);
        var snapshot = new SkuSnapshot(Sku1, 4, "etag-4", [Position(Store, onHand: 10)], [], new HashSet<EventKey> { new(Web, sale.Id) });
        var inventory = new SkuInventory(snapshot, Catalog());

        var outcome = inventory.Apply(sale);

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        inventory.Position(Store).OnHand.ShouldBe(8);
    }

    [Fact]
    public void Apply_EventAlreadyInLoadedLedger_IsDuplicateAndChangesNothing()
    {
        var sale = Sale(2);
        var snapshot = new SkuSnapshot(Sku1, 4, "etag-4", [Position(Store, onHand: 10)], [], new HashSet<EventKey> { sale.Key });
        var inventory = new SkuInventory(snapshot, Catalog());

        var outcome = inventory.Apply(sale);

        outcome.Disposition.ShouldBe(EventDisposition.Duplicate);
        inventory.Position(Store).OnHand.ShouldBe(10);
        inventory.HasChanges.ShouldBeFalse();
        inventory.ToCommit().ShouldBeNull();
    }

    [Fact]
    public void Apply_EventOfAnotherSku_IsRejectedAndChangesNothing()
    {
        var inventory = Stocked();

        var outcome = inventory.Apply(Sale(2, sku: OtherSku));

        outcome.Disposition.ShouldBe(EventDisposition.Rejected);
        outcome.Reason.ShouldNotBeNull().ShouldContain(OtherSku.Value);
        inventory.Position(Store).OnHand.ShouldBe(10);
        inventory.HasChanges.ShouldBeFalse();
    }

    [Fact]
    public void Apply_RejectedEvent_IsNotRememberedAsApplied()
    {
        var inventory = Stocked();
        var foreign = Sale(2, sku: OtherSku);
        inventory.Apply(foreign);

        var again = inventory.Apply(foreign);

        again.Disposition.ShouldBe(EventDisposition.Rejected);
    }

    [Fact]
    public void ToCommit_AfterEvents_CarriesEntriesChangedPositionsAndNextVersion()
    {
        var snapshot = new SkuSnapshot(Sku1, 7, "etag-7", [Position(Store, onHand: 10), Position(Warehouse, onHand: 4)], [], new HashSet<EventKey>());
        var inventory = new SkuInventory(snapshot, Catalog());
        var sale = Sale(1);
        var received = Received(2);

        inventory.Apply(sale);
        inventory.Apply(received);
        var commit = inventory.ToCommit().ShouldNotBeNull();

        commit.ExpectedVersion.ShouldBe(7);
        commit.NewVersion.ShouldBe(8);
        commit.ConcurrencyToken.ShouldBe("etag-7");
        commit.Ledger.Select(e => e.EventId).ShouldBe([sale.Id, received.Id]);
        commit.Ledger.ShouldAllBe(e => e.Version == 8);
        commit.Positions.ShouldHaveSingleItem().ShouldBe(Position(Store, onHand: 11));
        commit.Reservations.ShouldBeEmpty();
    }

    [Fact]
    public void ToCommit_WithoutChanges_IsNull() => Stocked().ToCommit().ShouldBeNull();

    [Fact]
    public void Apply_LedgerEntry_KeepsEventAppliedAtAndEffects()
    {
        var inventory = Stocked();
        var now = Start.AddHours(2);
        var shipped = Shipped(3, from: Store, to: Warehouse);

        inventory.ApplyAt(shipped, now);

        var entry = inventory.NewEntries.ShouldHaveSingleItem();
        entry.Event.ShouldBe(shipped);
        entry.AppliedAt.ShouldBe(now);
        entry.Sku.ShouldBe(Sku1);
        entry.Effects.ShouldBe([new PositionChange(Store, OnHand: -3), new PositionChange(Warehouse, Incoming: 3)]);
        entry.Oversold.ShouldBe(0);
    }
}
