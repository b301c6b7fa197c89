using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>Reserve decides at once against the channel's availability and one location's availableToSell.</summary>
public class SkuInventoryReserveTests
{
    private readonly FakeTimeProvider _time = new(Start);

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Reserve_WithinAvailable_HoldsStockUntilTtl()
    {
        var inventory = Inventory(Position(Store, onHand: 10));

        var result = inventory.Reserve(Request(4, Store, ttl: TimeSpan.FromMinutes(15)), Now);

        result.Succeeded.ShouldBeTrue();
        var reservation = result.Reservation.ShouldNotBeNull();
        reservation.Location.ShouldBe(Store);
        reservation.Channel.ShouldBe(Web);
        reservation.Quantity.ShouldBe(4);
        reservation.CreatedAt.ShouldBe(Now);
        reservation.ExpiresAt.ShouldBe(Now.AddMinutes(15));
        reservation.Status.ShouldBe(ReservationStatus.Active);
        inventory.ViewAt(Store, Now).Reserved.ShouldBe(4);
        inventory.ViewAt(Store, Now).AvailableToSell.ShouldBe(6);
        inventory.ToCommit().ShouldNotBeNull().Reservations.ShouldHaveSingleItem().ShouldBe(reservation);
    }

    [Fact]
    public void Reserve_BeyondLocationAvailable_FailsWithMostReservable()
    {
        var inventory = Inventory(Position(Store, onHand: 10, unsellable: 1, committed: 2));

        var result = inventory.Reserve(Request(8, Store), Now);

        result.Succeeded.ShouldBeFalse();
        result.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        result.Available.ShouldBe(7);
        result.Reason.ShouldBe("insufficient_stock");
        inventory.HasChanges.ShouldBeFalse();
    }

    [Fact]
    public void Reserve_PoolLargerThanAnyLocation_IsLimitedByBestLocation()
    {
        // web pools store-1 (6) and wh-1 (5) = 11, but one reservation sits at one location.
        var inventory = Inventory(Position(Store, onHand: 6), Position(Warehouse, onHand: 5));

        var tooMany = inventory.Reserve(Request(7), Now);
        var fits = inventory.Reserve(Request(6), Now);

        tooMany.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        tooMany.Available.ShouldBe(6);
        fits.Reservation.ShouldNotBeNull().Location.ShouldBe(Store);
    }

    [Fact]
    public void Reserve_WithoutLocation_PicksLocationWithMostAvailable()
    {
        var inventory = Inventory(Position(Store, onHand: 2), Position(Warehouse, onHand: 9));

        var result = inventory.Reserve(Request(3), Now);

        result.Reservation.ShouldNotBeNull().Location.ShouldBe(Warehouse);
    }

    [Fact]
    public void Reserve_ChannelAllocationBelowLocation_IsLimitedByChannel()
    {
        var catalog = new InventoryCatalog([new ChannelPolicy(Web, [Store], buffer: 1, allocation: Allocation.Percent(50))]);
        var inventory = Inventory(catalog, Position(Store, onHand: 10));

        var result = inventory.Reserve(Request(5, Store), Now);

        result.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        result.Available.ShouldBe((10 / 2) - 1);
    }

    [Fact]
    public void Reserve_SecondCheckout_SeesFirstHold()
    {
        var inventory = Inventory(Position(Store, onHand: 5));
        inventory.Reserve(Request(4, Store), Now).Succeeded.ShouldBeTrue();

        var second = inventory.Reserve(Request(2, Store), Now);

        second.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        second.Available.ShouldBe(1);
    }

    [Fact]
    public void Reserve_LocationOutsideChannelSet_IsInvalidNamingLocation()
    {
        var inventory = Inventory(Position(Warehouse, onHand: 10));

        var result = inventory.Reserve(Request(1, Warehouse, channel: Pos), Now);

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("location");
        inventory.HasChanges.ShouldBeFalse();
    }

    [Fact]
    public void Reserve_UnknownChannel_IsInvalidNamingChannel()
    {
        var inventory = Inventory(Position(Store, onHand: 10));

        var result = inventory.Reserve(Request(1, Store, channel: new ChannelId("amazon")), Now);

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("channel");
    }

    [Fact]
    public void Reserve_SameIdSameRequest_AnswersSameReservationOnce()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        var first = inventory.Reserve(Request(3, Store, id: "r-1"), Now).Reservation.ShouldNotBeNull();
        _time.Advance(TimeSpan.FromMinutes(2));

        var again = inventory.Reserve(Request(3, Store, id: "r-1"), Now);

        again.Succeeded.ShouldBeTrue();
        again.Reservation.ShouldBe(first);
        inventory.ViewAt(Store, Now).Reserved.ShouldBe(3);
    }

    [Fact]
    public void Reserve_SameIdOfReleasedHold_FailsAsNotActive()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        var first = inventory.Reserve(Request(3, Store, id: "r-1"), Now).Reservation.ShouldNotBeNull();
        inventory.Release(first.Id, Now);

        var again = inventory.Reserve(Request(3, Store, id: "r-1"), Now);

        again.Failure.ShouldBe(ReservationFailure.NotActive);
        inventory.ViewAt(Store, Now).Reserved.ShouldBe(0);
    }

    [Fact]
    public void Reserve_SameIdOfLapsedHold_FailsAsExpired()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.Reserve(Request(3, Store, id: "r-1", ttl: TimeSpan.FromMinutes(1)), Now);
        _time.Advance(TimeSpan.FromMinutes(1));

        var again = inventory.Reserve(Request(3, Store, id: "r-1"), Now);

        again.Failure.ShouldBe(ReservationFailure.Expired);
    }

    [Fact]
    public void Reserve_SameIdAtAnotherLocation_IsInvalidNamingReservationId()
    {
        var inventory = Inventory(Position(Store, onHand: 10), Position(Warehouse, onHand: 10));
        inventory.Reserve(Request(3, Store, id: "r-1"), Now);

        var elsewhere = inventory.Reserve(Request(3, Warehouse, id: "r-1"), Now);

        elsewhere.Field.ShouldBe("reservationId");
    }

    [Fact]
    public void Reserve_SameIdDifferentRequest_IsInvalidNamingReservationId()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        inventory.Reserve(Request(3, Store, id: "r-1"), Now);

        var different = inventory.Reserve(Request(4, Store, id: "r-1"), Now);

        different.Failure.ShouldBe(ReservationFailure.Invalid);
        different.Field.ShouldBe("reservationId");
        inventory.ViewAt(Store, Now).Reserved.ShouldBe(3);
    }

    [Fact]
    public void Reserve_WhenHoldExpires_StopsCountingBeforeAnySweep()
    {
        var inventory = Inventory(Position(Store, onHand: 10));
        var reservation = inventory.Reserve(Request(4, Store, ttl: TimeSpan.FromMinutes(15)), Now).Reservation.ShouldNotBeNull();

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        inventory.ViewAt(Store, Now).Reserved.ShouldBe(4);
        _time.Advance(TimeSpan.FromTicks(1));

        inventory.ViewAt(Store, Now).Reserved.ShouldBe(0);
        inventory.ViewAt(Now)[Store].AvailableToSell.ShouldBe(10);
        inventory.TryGetReservation(reservation.Id, out var stored).ShouldBeTrue();
        stored.Status.ShouldBe(ReservationStatus.Active);
        stored.IsLapsedAt(Now).ShouldBeTrue();
    }

    [Fact]
    public void Reserve_AfterOtherHoldExpired_CanTakeItsUnits()
    {
        var inventory = Inventory(Position(Store, onHand: 5));
        inventory.Reserve(Request(5, Store, ttl: TimeSpan.FromMinutes(1)), Now);
        inventory.Reserve(Request(1, Store), Now).Failure.ShouldBe(ReservationFailure.InsufficientStock);

        _time.Advance(TimeSpan.FromMinutes(1));

        inventory.Reserve(Request(5, Store), Now).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ChannelsAt_ReflectsHoldsUntilTheyExpire()
    {
        var inventory = Inventory(Position(Store, onHand: 10), Position(Warehouse, onHand: 3));
        inventory.Reserve(Request(4, Store, ttl: TimeSpan.FromMinutes(5)), Now);

        var during = inventory.ChannelsAt(Now).ToDictionary(c => c.Channel, c => c.Available);
        _time.Advance(TimeSpan.FromMinutes(5));
        var after = inventory.ChannelsAt(Now).ToDictionary(c => c.Channel, c => c.Available);

        during[Web].ShouldBe(6 + 3);
        during[Pos].ShouldBe(6);
        after[Web].ShouldBe(10 + 3);
        after[Pos].ShouldBe(10);
    }
}
