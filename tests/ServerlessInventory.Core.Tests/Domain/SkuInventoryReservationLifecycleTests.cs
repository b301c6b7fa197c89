using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Domain;

/// <summary>Confirm, release, extend and expire: what happens to a reservation after it is granted.</summary>
public class SkuInventoryReservationLifecycleTests
{
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SkuInventory _inventory = Inventory(Position(Store, onHand: 10));

    private DateTimeOffset Now => _time.GetUtcNow();

    private Reservation Hold(int quantity = 3, TimeSpan? ttl = null) =>
        _inventory.Reserve(Request(quantity, Store, ttl: ttl ?? TimeSpan.FromMinutes(15)), Now).Reservation.ShouldNotBeNull();

    [Fact]
    public void Confirm_ActiveReservation_CommitsAndWritesLedgerEntry()
    {
        var reservation = Hold(3);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = _inventory.Confirm(reservation.Id, "O-1", Now);

        result.Succeeded.ShouldBeTrue();
        result.Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Confirmed);
        result.Reservation.OrderId.ShouldBe("O-1");
        var view = _inventory.ViewAt(Store, Now);
        view.Reserved.ShouldBe(0);
        view.Committed.ShouldBe(3);
        var entry = _inventory.NewEntries.ShouldHaveSingleItem();
        var order = entry.Event.ShouldBeOfType<OrderPlaced>();
        order.OrderId.ShouldBe("O-1");
        order.ReservationId.ShouldBe(reservation.Id);
        order.Quantity.ShouldBe(3);
        order.Location.ShouldBe(Store);
        order.Time.ShouldBe(Now);
        order.Source.ShouldBe(EventSources.Product, "the channel's own ids never meet the product's");
        order.Key.Value.ShouldBe($"serverless-inventory:reservation-{reservation.Id}-confirmed");
        entry.Effects.ShouldBe([new PositionChange(Store, Committed: 3)]);
        entry.HasFlag(LedgerFlags.ReservationConverted).ShouldBeTrue();
        entry.Oversold.ShouldBe(0);
    }

    [Fact]
    public void Confirm_Twice_IsIdempotent()
    {
        var reservation = Hold(3);
        _inventory.Confirm(reservation.Id, "O-1", Now);

        var again = _inventory.Confirm(reservation.Id, "O-1", Now.AddMinutes(1));

        again.Succeeded.ShouldBeTrue();
        _inventory.NewEntries.Count.ShouldBe(1);
        _inventory.Position(Store).Committed.ShouldBe(3);
    }

    [Fact]
    public void Confirm_IntoAnotherOrder_FailsNotActive()
    {
        var reservation = Hold(3);
        _inventory.Confirm(reservation.Id, "O-1", Now);

        var other = _inventory.Confirm(reservation.Id, "O-2", Now);

        other.Failure.ShouldBe(ReservationFailure.NotActive);
        _inventory.Position(Store).Committed.ShouldBe(3);
    }

    [Fact]
    public void Confirm_ExpiredReservation_FailsExpired()
    {
        var reservation = Hold(3, TimeSpan.FromMinutes(15));
        _time.Advance(TimeSpan.FromMinutes(15));

        var result = _inventory.Confirm(reservation.Id, "O-1", Now);

        result.Failure.ShouldBe(ReservationFailure.Expired);
        _inventory.Position(Store).Committed.ShouldBe(0);
        _inventory.NewEntries.ShouldBeEmpty();
    }

    [Fact]
    public void Confirm_ReleasedReservation_FailsNotActive()
    {
        var reservation = Hold();
        _inventory.Release(reservation.Id, Now);

        _inventory.Confirm(reservation.Id, "O-1", Now).Failure.ShouldBe(ReservationFailure.NotActive);
    }

    [Fact]
    public void Confirm_UnknownReservation_FailsNotFound() =>
        _inventory.Confirm(new ReservationId("nope"), "O-1", Now).Failure.ShouldBe(ReservationFailure.NotFound);

    [Fact]
    public void Extend_ActiveReservation_MovesExpiryFromNow()
    {
        var reservation = Hold(3, TimeSpan.FromMinutes(15));
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = _inventory.Extend(reservation.Id, TimeSpan.FromMinutes(20), Now);

        result.Reservation.ShouldNotBeNull().ExpiresAt.ShouldBe(Start.AddMinutes(30));
        _time.Advance(TimeSpan.FromMinutes(10));
        _inventory.ViewAt(Store, Now).Reserved.ShouldBe(3);
    }

    [Fact]
    public void Extend_ExpiredReservation_FailsExpired()
    {
        var reservation = Hold(3, TimeSpan.FromMinutes(15));
        _time.Advance(TimeSpan.FromMinutes(16));

        var result = _inventory.Extend(reservation.Id, TimeSpan.FromMinutes(15), Now);

        result.Failure.ShouldBe(ReservationFailure.Expired);
        _inventory.ViewAt(Store, Now).Reserved.ShouldBe(0);
    }

    [Fact]
    public void Extend_UnknownReservation_FailsNotFound() =>
        _inventory.Extend(new ReservationId("nope"), TimeSpan.FromMinutes(1), Now).Failure.ShouldBe(ReservationFailure.NotFound);

    [Fact]
    public void Release_Twice_SucceedsAndGivesUnitsBackOnce()
    {
        var reservation = Hold(3);

        var first = _inventory.Release(reservation.Id, Now);
        var second = _inventory.Release(reservation.Id, Now);

        first.Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Released);
        second.Succeeded.ShouldBeTrue();
        second.Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Released);
        _inventory.ViewAt(Store, Now).Reserved.ShouldBe(0);
        _inventory.ViewAt(Store, Now).AvailableToSell.ShouldBe(10);
    }

    [Fact]
    public void Release_LapsedReservation_SucceedsAsExpired()
    {
        var reservation = Hold(3, TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(2));

        var result = _inventory.Release(reservation.Id, Now);

        result.Succeeded.ShouldBeTrue();
        result.Reservation.ShouldNotBeNull().Status.ShouldBe(ReservationStatus.Expired);
    }

    [Fact]
    public void Release_ConfirmedReservation_FailsNotActive()
    {
        var reservation = Hold(3);
        _inventory.Confirm(reservation.Id, "O-1", Now);

        _inventory.Release(reservation.Id, Now).Failure.ShouldBe(ReservationFailure.NotActive);
        _inventory.Position(Store).Committed.ShouldBe(3);
    }

    [Fact]
    public void Release_UnknownReservation_FailsNotFound() =>
        _inventory.Release(new ReservationId("nope"), Now).Failure.ShouldBe(ReservationFailure.NotFound);

    [Fact]
    public void ExpireLapsed_MarksOnlyLapsedReservationsExpired()
    {
        var shortHold = Hold(2, TimeSpan.FromMinutes(1));
        var otherShortHold = Hold(1, TimeSpan.FromMinutes(2));
        var longHold = Hold(3, TimeSpan.FromMinutes(30));
        _time.Advance(TimeSpan.FromMinutes(2));

        var expired = _inventory.ExpireLapsed(Now);

        expired.ShouldBe(2);
        StatusOf(shortHold).ShouldBe(ReservationStatus.Expired);
        StatusOf(otherShortHold).ShouldBe(ReservationStatus.Expired);
        StatusOf(longHold).ShouldBe(ReservationStatus.Active);
        _inventory.ViewAt(Store, Now).Reserved.ShouldBe(3);
        _inventory.ExpireLapsed(Now).ShouldBe(0);
    }

    [Fact]
    public void ExpireLapsed_ExpiredReservation_CannotBeConfirmedOrExtended()
    {
        var reservation = Hold(2, TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        _inventory.ExpireLapsed(Now);

        _inventory.Confirm(reservation.Id, "O-1", Now).Failure.ShouldBe(ReservationFailure.Expired);
        _inventory.Extend(reservation.Id, TimeSpan.FromMinutes(5), Now).Failure.ShouldBe(ReservationFailure.Expired);
        _inventory.Release(reservation.Id, Now).Succeeded.ShouldBeTrue();
    }

    private ReservationStatus StatusOf(Reservation reservation)
    {
        _inventory.TryGetReservation(reservation.Id, out var current).ShouldBeTrue();
        return current.Status;
    }
}
