using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>What a channel holds (its reservations and the open orders it placed) counts against its allocation.</summary>
public class SkuInventoryQuotaTests
{
    private static readonly ChannelId Wholesale = new("wholesale");

    /// <summary>web: store and warehouse, 40 %, buffer 1; wholesale: warehouse, 60 %; pos: the store, the whole of it.</summary>
    private static InventoryCatalog QuotaCatalog() => new([
        new ChannelPolicy(Web, [Store, Warehouse], buffer: 1, allocation: Allocation.Percent(40)),
        new ChannelPolicy(Wholesale, [Warehouse], allocation: Allocation.Percent(60)),
        new ChannelPolicy(Pos, [Store]),
    ]);

    private static int Available(SkuInventory inventory, ChannelId channel) =>
        inventory.ChannelsAt(Start).Single(c => c.Channel == channel).Available;

    [Fact]
    public void Reserve_SequentialSingleUnitsOnFiftyAt40Percent_GrantsWhatAvailabilityAnswered()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));
        var answered = Available(inventory, Web);

        var granted = Enumerable.Range(0, 50).Count(_ => inventory.Reserve(Request(1, channel: Web, id: ReservationId.New().Value), Start).Succeeded);

        answered.ShouldBe(19);
        granted.ShouldBe(answered);
        Available(inventory, Web).ShouldBe(0);
        Available(inventory, Wholesale).ShouldBe(30);
    }

    [Fact]
    public void Apply_ChannelOrderWithoutReservation_CountsAgainstItsQuota()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));

        inventory.Apply(Placed(12, "O-1", Warehouse)).Oversold.ShouldBe(0);

        Available(inventory, Web).ShouldBe(20 - 12 - 1);
        inventory.OpenOrders.ShouldBe([new OpenOrder("O-1", Warehouse, Web, 12)]);
    }

    [Fact]
    public void Apply_ChannelOrderBeyondItsQuota_IsCommittedAndCountedAsOversold()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));

        var outcome = inventory.Apply(Placed(25, "O-1", Warehouse));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Oversold.ShouldBe(5);
        outcome.Flags.ShouldNotBeNull().ShouldBe([LedgerFlags.OverQuota, LedgerFlags.Oversold], ignoreOrder: true);
        inventory.ViewAt(Warehouse, Start).Committed.ShouldBe(25);
    }

    [Fact]
    public void Apply_FulfilmentFromAnotherSource_ReleasesThePlacingChannelsQuota()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));
        inventory.Apply(Placed(10, "O-1", Warehouse));

        inventory.Apply(new OrderFulfilled(NewId(), new ChannelId("wms"), Start, "O-1", Sku1, Warehouse, 6));
        inventory.Apply(new OrderCancelled(NewId(), Pos, Start, "O-1", Sku1, Warehouse, 4));

        // 44 stay on hand, none promised: web's quota is 17, all of it free.
        Available(inventory, Web).ShouldBe(17 - 1);
        inventory.ToCommit().ShouldNotBeNull().OpenOrders.ShouldBe([new OpenOrder("O-1", Warehouse, Web, 0)]);
    }

    [Fact]
    public void Confirm_Reservation_MovesItsUnitsFromHoldToOpenOrderOfTheSameChannel()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));
        var reservation = inventory.Reserve(Request(7, Warehouse, channel: Wholesale), Start).Reservation.ShouldNotBeNull();

        inventory.Confirm(reservation.Id, "O-7", Start).Succeeded.ShouldBeTrue();

        inventory.OpenOrders.ShouldBe([new OpenOrder("O-7", Warehouse, Wholesale, 7)]);
        Available(inventory, Wholesale).ShouldBe(30 - 7);
    }

    [Fact]
    public void Reserve_AtALocation_DecidesOnThatLocationsOwnStock()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Store, onHand: 2), Position(Warehouse, onHand: 100));

        var tooMany = inventory.Reserve(Request(2, Store, channel: Web), Start);
        var pickup = inventory.Reserve(Request(1, Store, channel: Web), Start);

        tooMany.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        tooMany.Available.ShouldBe(1);
        pickup.Reservation.ShouldNotBeNull().Location.ShouldBe(Store);
    }

    [Fact]
    public void RebuildOpenOrders_LedgerOfPlacementsAndClosings_MatchesWhatApplyingKept()
    {
        var inventory = Inventory(QuotaCatalog(), Position(Warehouse, onHand: 50));
        var reservation = inventory.Reserve(Request(3, Warehouse, channel: Wholesale), Start).Reservation.ShouldNotBeNull();
        inventory.Confirm(reservation.Id, "O-3", Start);
        inventory.Apply(Placed(5, "O-1", Warehouse));
        inventory.Apply(Placed(2, "O-2", Warehouse));
        inventory.Apply(new OrderFulfilled(NewId(), new ChannelId("wms"), Start, "O-2", Sku1, Warehouse, 2));
        inventory.Apply(new OrderCancelled(NewId(), Web, Start, "O-1", Sku1, Warehouse, 1));

        var rebuilt = LedgerReplay.RebuildOpenOrders(inventory.NewEntries);

        rebuilt.ShouldBe(inventory.OpenOrders.Where(o => !o.IsClosed), ignoreOrder: true);
        rebuilt.ShouldBe([new OpenOrder("O-3", Warehouse, Wholesale, 3), new OpenOrder("O-1", Warehouse, Web, 4)], ignoreOrder: true);
    }
}
