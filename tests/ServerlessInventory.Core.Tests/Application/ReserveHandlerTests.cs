using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Tests.Support;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Application;

public sealed class ReserveHandlerTests : IDisposable
{
    private readonly CoreHarness _core = new();

    public ReserveHandlerTests() => _core.Store.Seed(Sku1, Position(Store, onHand: 10), Position(Warehouse, onHand: 2));

    private Task<ReservationResult> Reserve(ReserveCommand command) => _core.Get<ReserveHandler>().HandleAsync(command, CoreHarness.Ct);

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task HandleAsync_ValidRequest_StoresReservationWithDefaultTtl()
    {
        var result = await Reserve(new ReserveCommand(Sku1.Value, 4, Web.Value));

        var reservation = result.Reservation.ShouldNotBeNull();
        reservation.Location.ShouldBe(Store);
        reservation.ExpiresAt.ShouldBe(Start.AddMinutes(15));
        _core.Store.ReservationOf(Sku1, reservation.Id).ShouldBe(reservation);
        (await _core.Store.FindReservationSkuAsync(reservation.Id, CoreHarness.Ct)).ShouldBe(Sku1);
    }

    [Fact]
    public async Task HandleAsync_TtlSeconds_SetsExpiry()
    {
        var result = await Reserve(new ReserveCommand(Sku1.Value, 1, Web.Value, TtlSeconds: 90));

        result.Reservation.ShouldNotBeNull().ExpiresAt.ShouldBe(Start.AddSeconds(90));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task HandleAsync_NonPositiveQuantity_IsInvalidNamingQuantity(int quantity)
    {
        var result = await Reserve(new ReserveCommand(Sku1.Value, quantity, Web.Value));

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("quantity");
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Theory]
    [InlineData(3601)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task HandleAsync_TtlOutOfRange_IsInvalidNamingTtlSeconds(int ttlSeconds)
    {
        var result = await Reserve(new ReserveCommand(Sku1.Value, 1, Web.Value, TtlSeconds: ttlSeconds));

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("ttlSeconds");
    }

    [Fact]
    public async Task HandleAsync_TtlAtMaximum_IsAccepted() =>
        (await Reserve(new ReserveCommand(Sku1.Value, 1, Web.Value, TtlSeconds: 3600))).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData(null, "web", null, null, "sku")]
    [InlineData(" ", "web", null, null, "sku")]
    [InlineData("SKU-1", null, null, null, "channel")]
    [InlineData("SKU-1", "web", "store/1", null, "location")]
    [InlineData("SKU-1", "web", null, "r#1", "reservationId")]
    public async Task HandleAsync_BadIdentifier_IsInvalidNamingField(string? sku, string? channel, string? location, string? reservationId, string field)
    {
        var result = await Reserve(new ReserveCommand(sku, 1, channel, location, reservationId));

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe(field);
    }

    [Fact]
    public async Task HandleAsync_UnknownChannel_IsInvalidNamingChannel() =>
        (await Reserve(new ReserveCommand(Sku1.Value, 1, "amazon"))).Field.ShouldBe("channel");

    [Fact]
    public async Task HandleAsync_BeyondAvailable_FailsWithAvailable()
    {
        var result = await Reserve(new ReserveCommand(Sku1.Value, 11, Web.Value));

        result.Failure.ShouldBe(ReservationFailure.InsufficientStock);
        result.Available.ShouldBe(10);
        _core.Store.CommitAttempts.ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_SameReservationIdAgain_IsIdempotent()
    {
        var first = await Reserve(new ReserveCommand(Sku1.Value, 4, Web.Value, ReservationId: "r-1"));
        _core.Time.Advance(TimeSpan.FromSeconds(30));

        var again = await Reserve(new ReserveCommand(Sku1.Value, 4, Web.Value, ReservationId: "r-1"));

        again.Reservation.ShouldBe(first.Reservation);
        _core.Store.Commits.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ReservationIdOfAnotherSku_IsInvalidNamingReservationId()
    {
        _core.Store.Seed(OtherSku, Position(Store, onHand: 10));
        await Reserve(new ReserveCommand(OtherSku.Value, 1, Web.Value, ReservationId: "r-1"));

        var result = await Reserve(new ReserveCommand(Sku1.Value, 1, Web.Value, ReservationId: "r-1"));

        result.Failure.ShouldBe(ReservationFailure.Invalid);
        result.Field.ShouldBe("reservationId");
    }

    [Fact]
    public async Task HandleAsync_ConcurrentWriterCommitsFirst_DecidesAgainOnFreshState()
    {
        _core.Store.ConflictsToInject = 2;

        var result = await Reserve(new ReserveCommand(Sku1.Value, 4, Web.Value));

        result.Succeeded.ShouldBeTrue();
        _core.Store.CommitAttempts.ShouldBe(3);
        _core.Store.Commits.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_ExpiredHold_FreesUnitsForNextCheckout()
    {
        (await Reserve(new ReserveCommand(Sku1.Value, 10, Pos.Value, TtlSeconds: 60))).Succeeded.ShouldBeTrue();
        (await Reserve(new ReserveCommand(Sku1.Value, 1, Pos.Value))).Failure.ShouldBe(ReservationFailure.InsufficientStock);

        _core.Time.Advance(TimeSpan.FromSeconds(60));

        (await Reserve(new ReserveCommand(Sku1.Value, 10, Pos.Value))).Succeeded.ShouldBeTrue();
    }
}
