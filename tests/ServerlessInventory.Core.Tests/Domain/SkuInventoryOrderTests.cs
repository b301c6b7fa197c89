using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>order.placed is the promise among events: it converts its reservation or is checked against availableToSell.</summary>
public class SkuInventoryOrderTests
{
    private static (SkuInventory Inventory, Reservation Reservation) Reserved(int onHand, int quantity, LocationId? location = null)
    {
        var inventory = Inventory(Position(Store, onHand), Position(Warehouse, onHand: 0));
        var reservation = inventory.Reserve(Request(quantity, location ?? Store), Start).Reservation.ShouldNotBeNull();
        return (inventory, reservation);
    }

    [Fact]
    public void Apply_OrderWithActiveReservation_ConvertsIt()
    {
        var (inventory, reservation) = Reserved(onHand: 10, quantity: 4);
        inventory.ViewAt(Store, Start).Reserved.ShouldBe(4);

        var outcome = inventory.ApplyAt(Placed(4, "O-9", reservation: reservation.Id), Start.AddMinutes(1));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Oversold.ShouldBe(0);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationConverted);
        var view = inventory.ViewAt(Store, Start.AddMinutes(1));
        view.Reserved.ShouldBe(0);
        view.Committed.ShouldBe(4);
        view.AvailableToSell.ShouldBe(6);
        inventory.TryGetReservation(reservation.Id, out var converted).ShouldBeTrue();
        converted.Status.ShouldBe(ReservationStatus.Confirmed);
        converted.OrderId.ShouldBe("O-9");
    }

    [Fact]
    public void Apply_OrderConvertingReservationThatTookAllStock_IsNotOversold()
    {
        var (inventory, reservation) = Reserved(onHand: 5, quantity: 5);

        var outcome = inventory.ApplyAt(Placed(5, reservation: reservation.Id), Start.AddMinutes(1));

        outcome.Oversold.ShouldBe(0);
        outcome.Flags.ShouldNotBeNull().ShouldNotContain(LedgerFlags.Oversold);
    }

    [Fact]
    public void Apply_OrderBeyondItsReservation_CountsOnlyTheExcessOverAvailable()
    {
        // 10 on hand, 4 reserved by this order's checkout, 6 free: an order of 13 is 3 beyond what exists for it.
        var (inventory, reservation) = Reserved(onHand: 10, quantity: 4);

        var outcome = inventory.ApplyAt(Placed(13, reservation: reservation.Id), Start.AddMinutes(1));

        outcome.Oversold.ShouldBe(3);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.Oversold);
        inventory.Position(Store).Committed.ShouldBe(13);
    }

    [Fact]
    public void Apply_OrderWithoutReservationBeyondAvailable_CommitsAndCountsOversell()
    {
        var inventory = Inventory(Position(Store, onHand: 5, committed: 1));

        var outcome = inventory.Apply(Placed(7));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Oversold.ShouldBe(7 - 4);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.Oversold);
        inventory.Position(Store).Committed.ShouldBe(8);
        var entry = inventory.NewEntries.ShouldHaveSingleItem();
        entry.Oversold.ShouldBe(3);
        entry.HasFlag(LedgerFlags.Oversold).ShouldBeTrue();
    }

    [Fact]
    public void Apply_OrderWithoutReservationWithinAvailable_IsNotOversold()
    {
        var inventory = Inventory(Position(Store, onHand: 5, committed: 1));

        var outcome = inventory.Apply(Placed(4));

        outcome.Oversold.ShouldBe(0);
        outcome.Flags.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public void Apply_OrderWithoutReservation_RespectsOtherCheckoutsAndSafetyStock()
    {
        var inventory = Inventory(Catalog(defaultSafetyStock: 2), Position(Store, onHand: 10));
        inventory.Reserve(Request(3, Store), Start).Succeeded.ShouldBeTrue();

        var outcome = inventory.ApplyAt(Placed(6), Start.AddMinutes(1));

        outcome.Oversold.ShouldBe(6 - (10 - 3 - 2));
    }

    [Fact]
    public void Apply_OrderNamingExpiredReservation_FlagsNotHeldAndChecksAvailable()
    {
        var (inventory, reservation) = Reserved(onHand: 5, quantity: 5);
        var afterExpiry = reservation.ExpiresAt.AddSeconds(1);

        var outcome = inventory.ApplyAt(Placed(5, reservation: reservation.Id), afterExpiry);

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationNotHeld);
        outcome.Flags.ShouldNotContain(LedgerFlags.ReservationConverted);
        outcome.Oversold.ShouldBe(0);
        inventory.Position(Store).Committed.ShouldBe(5);
        inventory.TryGetReservation(reservation.Id, out var still).ShouldBeTrue();
        still.Status.ShouldNotBe(ReservationStatus.Confirmed);
    }

    [Fact]
    public void Apply_OrderNamingExpiredReservationWhenStockIsGone_IsOversold()
    {
        var (inventory, reservation) = Reserved(onHand: 5, quantity: 5);
        var afterExpiry = reservation.ExpiresAt.AddSeconds(1);
        inventory.ApplyAt(Placed(4, "O-other"), afterExpiry);

        var outcome = inventory.ApplyAt(Placed(5, "O-late", reservation: reservation.Id), afterExpiry);

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationNotHeld);
        outcome.Oversold.ShouldBe(4);
    }

    [Fact]
    public void Apply_OrderNamingUnknownReservation_FlagsNotHeld()
    {
        var inventory = Inventory(Position(Store, onHand: 5));

        var outcome = inventory.Apply(Placed(1, reservation: new ReservationId("never-made")));

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationNotHeld);
        inventory.Position(Store).Committed.ShouldBe(1);
    }

    [Fact]
    public void Apply_OrderAtOtherLocationThanReservation_DoesNotConvertIt()
    {
        var (inventory, reservation) = Reserved(onHand: 5, quantity: 2, location: Store);

        var outcome = inventory.ApplyAt(Placed(2, location: Warehouse, reservation: reservation.Id), Start.AddMinutes(1));

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationNotHeld);
        inventory.ViewAt(Store, Start.AddMinutes(1)).Reserved.ShouldBe(2);
    }

    [Fact]
    public void Apply_OrderPlacedAfterConfirmViaApi_IsAlreadyCommittedAndNotDoubled()
    {
        var (inventory, reservation) = Reserved(onHand: 10, quantity: 3);
        inventory.Confirm(reservation.Id, "O-42", Start.AddMinutes(1)).Succeeded.ShouldBeTrue();
        inventory.Position(Store).Committed.ShouldBe(3);

        var outcome = inventory.ApplyAt(Placed(3, "O-42", reservation: reservation.Id), Start.AddMinutes(2));

        outcome.Disposition.ShouldBe(EventDisposition.Applied);
        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.AlreadyCommitted);
        outcome.Oversold.ShouldBe(0);
        inventory.Position(Store).Committed.ShouldBe(3);
        inventory.NewEntries[^1].Effects.ShouldBeEmpty();
    }

    [Fact]
    public void Apply_OtherOrderNamingConfirmedReservation_IsNotHeldAndCommits()
    {
        var (inventory, reservation) = Reserved(onHand: 10, quantity: 3);
        inventory.Confirm(reservation.Id, "O-42", Start.AddMinutes(1));

        var outcome = inventory.ApplyAt(Placed(3, "O-43", reservation: reservation.Id), Start.AddMinutes(2));

        outcome.Flags.ShouldNotBeNull().ShouldContain(LedgerFlags.ReservationNotHeld);
        inventory.Position(Store).Committed.ShouldBe(6);
    }
}
